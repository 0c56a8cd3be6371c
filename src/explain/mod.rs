//! Long explanations of the diagnostic codes, for `jiebie explain <CODE>`.
//!
//! Each text is plain (no Markdown, no colour) and written for the sector secretaries who keep
//! the files: the first line is the code and its short title, then what triggers it, a small
//! wrong example and its fix. Lines stay within 100 terminal columns (a CJK character counts as
//! two), which the tests check.

use crate::lang::Lang;

/// Every diagnostic code, in order.
pub const CODES: &[&str] = &[
    "E001", "E002", "E003", "E004", "E010", "E011", "E012", "E013", "E020", "E021", "E030", "E031",
    "E032", "W101", "W102", "W103", "W104", "W105", "W106", "W107",
];

/// The long explanation of `code` (case-insensitive, e.g. "e020") in `lang`, or None for an
/// unknown code.
pub fn explain(code: &str, lang: Lang) -> Option<&'static str> {
    let (zh, en) = match code.to_ascii_uppercase().as_str() {
        "E001" => (E001_ZH, E001_EN),
        "E002" => (E002_ZH, E002_EN),
        "E003" => (E003_ZH, E003_EN),
        "E004" => (E004_ZH, E004_EN),
        "E010" => (E010_ZH, E010_EN),
        "E011" => (E011_ZH, E011_EN),
        "E012" => (E012_ZH, E012_EN),
        "E013" => (E013_ZH, E013_EN),
        "E020" => (E020_ZH, E020_EN),
        "E021" => (E021_ZH, E021_EN),
        "E030" => (E030_ZH, E030_EN),
        "E031" => (E031_ZH, E031_EN),
        "E032" => (E032_ZH, E032_EN),
        "W101" => (W101_ZH, W101_EN),
        "W102" => (W102_ZH, W102_EN),
        "W103" => (W103_ZH, W103_EN),
        "W104" => (W104_ZH, W104_EN),
        "W105" => (W105_ZH, W105_EN),
        "W106" => (W106_ZH, W106_EN),
        "W107" => (W107_ZH, W107_EN),
        _ => return None,
    };
    Some(lang.pick(zh, en))
}

const E001_ZH: &str = r"E001 无法读取文件
jiebie 找到了这个文件，却打不开它。常见原因：
  - 没有读取权限，例如文件在共享盘上，只对部分人开放；
  - 文件正被别的程序独占打开，或者在检查过程中被移动、删除了；
  - 文件在网络盘或 U 盘上，而连接已经断开。
报错信息里附有操作系统给出的具体原因，可以据此判断是哪一种。

例如：运行 jiebie validate 共享盘/界别材料 时，对外友好界.toml 没有读取权限。
解决办法：请管理员放开这个文件的读取权限；或者把文件复制到自己的文件夹里，
再运行 jiebie validate 我的文件夹。网络盘或 U 盘断开时，重新连接后再运行一次。

注意：命令行里写的路径根本不存在时，报的不是 E001，而是用法错误（退出码 2），
请检查路径有没有写错。jiebie 检查时只读取文件，从不修改它们。
";

const E001_EN: &str = r"E001 cannot read file
jiebie found this file but could not open it. The usual causes:
  - you have no permission to read it, e.g. it sits on a shared drive open to a few people;
  - another program holds it open exclusively, or it was moved or deleted during the check;
  - it lives on a network drive or USB stick that has been disconnected.
The message carries the reason given by the operating system, which tells you which one it is.

Example: `jiebie validate shared/sectors` finds 对外友好界.toml, but you may not read it.
Fix: ask the administrator to grant read access, or copy the file into a folder of your own
and run `jiebie validate my-folder`. Reconnect a network drive or USB stick and run again.

Note: a path on the command line that does not exist at all is not E001 but a usage error
(exit code 2); check the path for typos. jiebie only reads files while checking them; it
never changes them.
";

const E002_ZH: &str = r"E002 文件不是 UTF-8 编码
jiebie 只能读取 UTF-8 编码的文件。用记事本、WPS 等保存时如果选了 ANSI、GBK、GB2312
或“Unicode”（即 UTF-16），jiebie 读到的中文就是乱码，所以报这个错误。文件看起来是
GBK/GB18030 编码时，报错信息会直接说明。带 BOM 的 UTF-8 和 Windows 换行都没有问题。

例如：在旧版记事本里新建文件后直接保存，默认就是 ANSI，在中文 Windows 上即 GBK 编码。

解决办法：把文件重新保存为 UTF-8，内容不用改动。
  记事本：文件 → 另存为 → 窗口下方的“编码”选 UTF-8 → 保存，替换原文件。
  WPS：文件 → 另存为 → 文件类型选纯文本，编码选 UTF-8；文件名仍以 .toml 结尾。
  VS Code：点右下角状态栏上的编码（如 GBK）→ 通过编码保存 → UTF-8。
保存后再运行一次 jiebie validate。

如果打开文件时中文已经是乱码，说明编辑器用错了编码打开它：先换用正确的编码重新打开
（VS Code 里选“通过编码重新打开”→ GBK），确认中文显示正常后，再另存为 UTF-8。
";

const E002_EN: &str = r#"E002 file is not UTF-8
jiebie reads only files encoded in UTF-8. When a file is saved from Notepad, WPS and the like
as ANSI, GBK, GB2312 or "Unicode" (that is UTF-16), its Chinese text is garbage to jiebie,
hence this error. When the file looks like GBK/GB18030, the message says so. UTF-8 with a
byte-order mark (BOM) and Windows line ends (CRLF) are fine.

Example: an older Notepad saves a new file as ANSI by default, which is GBK on Chinese Windows.

Fix: save the file again as UTF-8; its content needs no change.
  Notepad: File → Save As (另存为) → Encoding (编码) at the bottom: UTF-8 → Save, replace.
  WPS: File → Save As (另存为) → file type plain text, encoding UTF-8; keep the .toml name.
  VS Code: click the encoding in the status bar (e.g. GBK) → Save with Encoding → UTF-8.
Then run `jiebie validate` again.

If the Chinese text already looks garbled in your editor, it opened the file with the wrong
encoding: reopen it with the right one first (VS Code: Reopen with Encoding → GBK), check that
the Chinese reads correctly, then save it as UTF-8.
"#;

const E003_ZH: &str = r#"E003 TOML 语法错误
文件不符合 TOML 的书写规则，jiebie 读不懂。报错位置是读到出错的地方，真正写错的字符
常常就在它前面一点。最常见的原因是用中文输入法输入了全角符号：
  ＝ 应为 =      “ ” 应为 "      ， 应为 ,      键和值之间用 =，不能用 ： 或 :
错误写法：
    title ＝ “中外人士恳谈会”
    partners = ["台联"，"侨联"]
    kind： "座谈"
正确写法：
    title = "中外人士恳谈会"
    partners = ["台联", "侨联"]
    kind = "座谈"
引号里面的中文和标点可以随便写；引号外面的符号必须是半角（英文）符号。
输入这些符号前，先把输入法切换到英文或半角状态。

另一个常见原因是键名用了中文：TOML 里的中文键名必须加英文双引号，如 "类别" = "座谈"。
但 jiebie 的格式只认英文键名，所以更好的写法是直接写 kind = "座谈"。
可以用 jiebie init 生成带注释的模板，照着填写。

其他常见的写法错误：
  - 文字两边漏了引号：title = 中外人士恳谈会 → title = "中外人士恳谈会"
  - 只到月份、季度的日期没加引号：date = 2020-05 → date = "2020-05"
  - 同一张表里同一个键写了两次，或者一个文件里写了两个 [sector]。
"#;

const E003_EN: &str = r#"E003 TOML syntax error
The file breaks the rules of TOML, so jiebie cannot read it. The place shown is where reading
failed; the real slip is often just before it. The most common cause is a full-width symbol
typed with a Chinese input method:
  ＝ must be =      “ ” must be "      ， must be ,      key and value are joined by =,
  not by ： or :
Wrong:
    title ＝ “中外人士恳谈会”
    partners = ["台联"，"侨联"]
    kind： "座谈"
Right:
    title = "中外人士恳谈会"
    partners = ["台联", "侨联"]
    kind = "座谈"
Inside quotes any Chinese text and punctuation is fine; outside quotes every symbol must be
half-width (ASCII). Switch the input method to English or half-width before typing them.

Another common cause is a Chinese key: in TOML a Chinese key must be quoted, as in
"类别" = "座谈". But jiebie's format knows only its English keys, so write kind = "座谈".
`jiebie init` writes a commented template to fill in.

Other frequent slips:
  - text without quotes: title = 中外人士恳谈会 → title = "中外人士恳谈会"
  - a month or quarter date without quotes: date = 2020-05 → date = "2020-05"
  - the same key twice in one table, or two [sector] tables in one file.
"#;

const E004_ZH: &str = r"E004 没有找到界别文件
在给出的路径下一个界别文件也没有找到。jiebie 会检查给出的文件夹及其所有子文件夹里
所有以 .toml 结尾的文件；其中名为 jiebie.toml 的是配置文件，不算界别文件；
名字以“.”开头的文件和文件夹会被跳过。不给路径时，检查当前文件夹。

常见原因：
  - 路径写错了，或者在别的文件夹里运行了命令；
  - Windows 默认隐藏扩展名，文件实际叫“对外友好界.toml.txt”，或者存成了 .docx、.xlsx；
  - 文件夹里只有 jiebie.toml。
例如：jiebie validate 界别材料，而文件夹里只有 对外友好界.toml.txt。
解决办法：在资源管理器的“查看”菜单里勾选“文件扩展名”，看到完整文件名后，
把它改名为 对外友好界.toml，再运行 jiebie validate 界别材料。
如果还没有界别文件，可以先生成一个模板：
    jiebie init 对外友好界 --dir 界别材料
";

const E004_EN: &str = r#"E004 no sector file found
Not a single sector file was found under the given paths. jiebie reads every file ending in
.toml in the given folders and all their subfolders; files named jiebie.toml configure the
workspace and are not sector files; files and folders whose name starts with . are skipped.
Without a path, the current folder is checked.

Usual causes:
  - a wrong path, or the command was run in another folder;
  - Windows hides file extensions, so the file is really "对外友好界.toml.txt", or it was
    saved as .docx or .xlsx;
  - the folder holds only jiebie.toml.
Example: `jiebie validate sectors`, where the folder holds only 对外友好界.toml.txt.
Fix: in File Explorer, tick "File name extensions" in the View menu to see the full name,
rename the file to 对外友好界.toml and run `jiebie validate sectors` again.
If there is no sector file yet, create a template first:
    jiebie init 对外友好界 --dir sectors
"#;

const E010_ZH: &str = r#"E010 缺少必填项
某张表缺了必须填写的键。报错指向缺键的那张表的表头，例如 [[activity]]。各表的必填项：
  [sector]       name（每个界别文件都必须有 [sector] 表）
  [[review]]     year、summary
  [[activity]]   date、kind、title
  [[plan]]       id、year、title
  [[metric]]     year、name、value
  [[brand]]      name
错误写法（缺少 kind）：
    [[activity]]
    date = 2020-05-15
    title = "中外人士恳谈会"
正确写法：
    [[activity]]
    date = 2020-05-15
    kind = "座谈"
    title = "中外人士恳谈会"
注意：表头下面的键都属于这张表，直到下一个 [ ] 表头为止。键写到了别的表头下面，
或者键名拼错了（如 titel），也会出现这个错误，通常还同时报 E011。
日期记不清是哪一天时，可以写得粗一些，如 "2020-05" 或 "2020年上半年"（见 jiebie explain E013）。
"#;

const E010_EN: &str = r#"E010 missing required key
A table lacks a key that must be filled in. The error points at the header of that table,
e.g. [[activity]]. The required keys of each table:
  [sector]       name (every sector file must have a [sector] table)
  [[review]]     year, summary
  [[activity]]   date, kind, title
  [[plan]]       id, year, title
  [[metric]]     year, name, value
  [[brand]]      name
Wrong (kind is missing):
    [[activity]]
    date = 2020-05-15
    title = "中外人士恳谈会"
Right:
    [[activity]]
    date = 2020-05-15
    kind = "座谈"
    title = "中外人士恳谈会"
Note: the keys below a header belong to that table until the next [ ] header. A key written
under the wrong header, or a misspelt key (e.g. titel), also leads to this error, usually
together with E011.
If you do not know the exact day, a coarser date will do, e.g. "2020-05" or "2020年上半年"
(see `jiebie explain E013`).
"#;

const E011_ZH: &str = r#"E011 未知的键
文件里出现了格式中没有的键或表名，多半是拼写错误，或者用了中文键名。帮助里会给出最接近的
正确键名。每一层都不允许多余的键，这样写错的内容不会被悄悄忽略。
错误写法：
    [[activity]]
    date = 2020-05-15
    "类别" = "座谈"
    titel = "中外人士恳谈会"
    participant = 25
正确写法：
    [[activity]]
    date = 2020-05-15
    kind = "座谈"
    title = "中外人士恳谈会"
    participants = 25
表名也一样：[[activities]] 应为 [[activity]]，[[plans]] 应为 [[plan]]。
各表允许的键见 jiebie init 生成的模板。用 jiebie schema 生成的 JSON Schema，还可以让编辑器
（如装了 Even Better TOML 插件的 VS Code）在输入时提示和检查键名。
想记下的内容没有对应的键时，可以写进 summary，或者写成以 # 开头的注释（注释不会被检查）。
"#;

const E011_EN: &str = r#"E011 unknown key
The file holds a key or table name that the format does not have: mostly a typo, or a Chinese
key. The help names the closest correct key. No level accepts extra keys, so that a mistyped
entry is never silently ignored.
Wrong:
    [[activity]]
    date = 2020-05-15
    "类别" = "座谈"
    titel = "中外人士恳谈会"
    participant = 25
Right:
    [[activity]]
    date = 2020-05-15
    kind = "座谈"
    title = "中外人士恳谈会"
    participants = 25
The same holds for table names: [[activities]] must be [[activity]], [[plans]] must be [[plan]].
The template written by `jiebie init` shows the keys of every table. With the JSON Schema
printed by `jiebie schema`, an editor (e.g. VS Code with Even Better TOML) completes and checks
keys as you type.
Something with no key of its own can go into a summary, or into a comment starting with #
(comments are not checked).
"#;

const E012_ZH: &str = r#"E012 值的类型不对
键是对的，但值的类型不对：该写数字的写成了文字，该写列表的写成了单个文字，等等。
  - 人次、人数（participants、members）是不加引号的整数：participants = 25
  - 年份（year、since）是不加引号的整数：year = 2020
  - value、target 是数字：value = 60；“60多个”这样的原话写进 note
  - partners、organizers、tags、outcomes、highlights、shortcomings 是列表：["台联"]
  - highlight 只能写 true 或 false，不加引号
  - 日期只写日期，不带时间：date = 2020-05-15，而不是 2020-05-15T09:00:00
错误写法：
    [[activity]]
    date = 2020-05-15T09:00:00
    kind = "座谈"
    title = "中外人士恳谈会"
    participants = "25人次"
    partners = "台联"
    highlight = "是"
正确写法：
    [[activity]]
    date = 2020-05-15
    kind = "座谈"
    title = "中外人士恳谈会"
    participants = 25
    partners = ["台联"]
    highlight = true
"#;

const E012_EN: &str = r#"E012 value of the wrong type
The key is right but its value has the wrong type: text where a number belongs, a single text
where a list belongs, and so on.
  - counts (participants, members) are integers without quotes: participants = 25
  - years (year, since) are integers without quotes: year = 2020
  - value and target are numbers: value = 60; wording such as "60多个" goes into note
  - partners, organizers, tags, outcomes, highlights, shortcomings are lists: ["台联"]
  - highlight is true or false, without quotes
  - a date is the date alone, without a time: date = 2020-05-15, not 2020-05-15T09:00:00
Wrong:
    [[activity]]
    date = 2020-05-15T09:00:00
    kind = "座谈"
    title = "中外人士恳谈会"
    participants = "25人次"
    partners = "台联"
    highlight = "是"
Right:
    [[activity]]
    date = 2020-05-15
    kind = "座谈"
    title = "中外人士恳谈会"
    participants = 25
    partners = ["台联"]
    highlight = true
"#;

const E013_ZH: &str = r#"E013 无效的值
值的类型是对的，但内容不合规则：
  - 必填的文字（name、title、summary 等）是空的，或者只有空格；
  - 人次、人数或 target 是负数；
  - 年份不在 1900–2100 之间（常见于多打或少打了一位数字）；
  - format 不是 1（目前只支持 format = 1，也可以不写）；
  - jiebie.toml 中：[aliases] 的别名指向不在 sectors 名单中的界别，或别名本身就是名单中的界别；
    [kinds] 新增的类别或别名与已有的类别、别名重名；
  - 日期不是下面任何一种写法。
日期可以精确到日、月、季度、半年或全年；同一行的几种写法效果相同：
  精确到   标准写法                     也可以写成
  日       2020-05-15 或 "2020-05-15"   "2020年5月15日"
  月       "2020-05"                    "2020年5月"
  季度     "2020-Q2"                    "2020年第二季度"、"2020年二季度"
  半年     "2020-H1"、"2020-H2"         "2020年上半年"、"2020年下半年"
  全年     "2020"                       "2020年"、"2020年全年"、"2020年度"
只有精确到日的 2020-05-15 可以不加引号，其他写法都要加英文双引号。
错误写法：
    date = "2020年5月中旬"
    end_date = "2020/6/2"
    participants = -3
    title = ""
正确写法：
    date = "2020-05"
    end_date = 2020-06-02
    participants = 3
    title = "中外人士恳谈会"
"#;

const E013_EN: &str = r#"E013 invalid value
The value has the right type but breaks a rule:
  - a required text (name, title, summary, …) is empty or only spaces;
  - a count or a target is negative;
  - a year lies outside 1900–2100 (often a digit too many or too few);
  - format is not 1 (only format = 1 is supported; it may be left out);
  - in jiebie.toml: an alias of [aliases] leads to a sector missing from `sectors`, or is itself
    a sector of `sectors`; a kind or alias of [kinds] is already a kind or an alias;
  - a date is in none of the forms below.
A date may be precise to the day, month, quarter, half year or year; the forms on one line
mean the same:
  precision  canonical form               also accepted
  day        2020-05-15 or "2020-05-15"   "2020年5月15日"
  month      "2020-05"                    "2020年5月"
  quarter    "2020-Q2"                    "2020年第二季度", "2020年二季度"
  half year  "2020-H1", "2020-H2"         "2020年上半年", "2020年下半年"
  year       "2020"                       "2020年", "2020年全年", "2020年度"
Only the day form 2020-05-15 may go without quotes; every other form needs double quotes.
Wrong:
    date = "2020年5月中旬"
    end_date = "2020/6/2"
    participants = -3
    title = ""
Right:
    date = "2020-05"
    end_date = 2020-06-02
    participants = 3
    title = "中外人士恳谈会"
"#;

const E020_ZH: &str = r#"E020 未知的活动类别
活动或工作设想的 kind 既不是已知的类别，也不是类别的别名。帮助里会给出最接近的类别或别名。
内置类别：
  学习 调研 视察 协商 座谈 会议 培训 界别活动 提案 社情民意 宣传 接待 出访 慰问 表彰 签约 其他
常用的别名，例如：讲座、报告会 → 学习；走访、考察 → 调研；座谈会、恳谈会、论坛 → 座谈；
委员界别活动日、联谊 → 界别活动；集体提案 → 提案；社情民意信息 → 社情民意；征集 → 其他。
凡是能写类别的地方都可以写别名，输出时一律显示为类别本身，例如“恳谈会”显示为“座谈”。
错误写法：
    kind = "参访"
正确写法：
    kind = "考察"        # 别名，显示为“调研”
需要内置类别以外的类别时，在配置文件 jiebie.toml（放在运行 jiebie 时给出的第一个文件夹里）
的 [kinds] 中添加，等号右边是它的别名列表：
    [kinds]
    "志愿服务" = ["志愿活动", "公益服务"]
添加的类别排在内置类别之后。
"#;

const E020_EN: &str = r#"E020 unknown activity kind
The kind of an activity or plan is neither a known kind nor an alias of one. The help names
the closest kind or alias.
Built-in kinds:
  学习 调研 视察 协商 座谈 会议 培训 界别活动 提案 社情民意 宣传 接待 出访 慰问 表彰 签约 其他
Common aliases, for example: 讲座, 报告会 → 学习; 走访, 考察 → 调研; 座谈会, 恳谈会, 论坛 → 座谈;
委员界别活动日, 联谊 → 界别活动; 集体提案 → 提案; 社情民意信息 → 社情民意; 征集 → 其他.
An alias is accepted wherever a kind is, and every output shows the kind itself: 恳谈会 is
shown as 座谈.
Wrong:
    kind = "参访"
Right:
    kind = "考察"        # an alias, shown as 调研
For a kind beyond the built-in ones, add it under [kinds] in the configuration file
jiebie.toml (in the first folder given to jiebie), with the list of its aliases on the right:
    [kinds]
    "志愿服务" = ["志愿活动", "公益服务"]
Added kinds come after the built-in ones.
"#;

const E021_ZH: &str = r#"E021 结束日期早于开始日期
活动的 end_date 比 date 早，多半是两个日期写反了，或者年份、月份打错了。
比较时按每个日期的第一天算：例如 "2020-05" 算 5 月 1 日，"2020-Q2" 算 4 月 1 日，
"2020年下半年" 算 7 月 1 日。所以 date = "2020-05" 配 end_date = "2020-Q2" 也会报这个错误。
结束日期可以和开始日期相同；一天之内的活动不用写 end_date。
错误写法：
    date = 2020-05-16
    end_date = 2020-05-15
正确写法：
    date = 2020-05-15
    end_date = 2020-05-16
错误写法：
    date = "2020-09"
    end_date = "2020年上半年"
正确写法：
    date = "2020-09"
    end_date = "2020-12"
"#;

const E021_EN: &str = r#"E021 end date before date
The end_date of an activity is earlier than its date: mostly the two are swapped, or a year or
month is mistyped. Each date counts as its first day: "2020-05" is 1 May, "2020-Q2" is 1 April,
"2020年下半年" is 1 July. So date = "2020-05" with end_date = "2020-Q2" is this error too.
The end date may equal the date; an activity of a single day needs no end_date.
Wrong:
    date = 2020-05-16
    end_date = 2020-05-15
Right:
    date = 2020-05-15
    end_date = 2020-05-16
Wrong:
    date = "2020-09"
    end_date = "2020年上半年"
Right:
    date = "2020-09"
    end_date = "2020-12"
"#;

const E030_ZH: &str = r#"E030 重复的条目
在同一个界别里（一个界别分成几个文件写时，几个文件合起来算），下面这些必须各不相同：
  - 活动的 id，工作设想的 id；
  - 品牌（[[brand]]）的 name；
  - 同一年里指标的 name（[[metric]] 的 year 加 name）；
  - 工作概要（[[review]]）的 year：每年只写一份。
报错标在后出现的那一处（几个文件时按文件路径排先后），并指出先出现的位置。
常见原因是复制上一条后忘了改 id，或者同一内容在两个文件里各写了一遍。
错误写法：
    [[plan]]
    id = "2021-foreign-firms"
    year = 2021
    title = "调研走访在沪外企"

    [[plan]]
    id = "2021-foreign-firms"
    year = 2021
    title = "举办外籍人士座谈会"
正确写法：给第二条换一个新的 id，例如 id = "2021-expat-forum"。
如果两条其实是同一件事，删掉其中一条；同一年的两份工作概要，合并成一份。
"#;

const E030_EN: &str = r#"E030 duplicate entry
Within one sector (all its files together, when it is kept in several), these must be unique:
  - the id of an activity, the id of a plan;
  - the name of a brand ([[brand]]);
  - the name of a metric within a year (year and name of [[metric]]);
  - the year of a review ([[review]]): one per year.
The error stands at the later place (files taken in path order) and names the earlier one.
Usually an entry was copied and its id not changed, or the same entry was written in two files.
Wrong:
    [[plan]]
    id = "2021-foreign-firms"
    year = 2021
    title = "调研走访在沪外企"

    [[plan]]
    id = "2021-foreign-firms"
    year = 2021
    title = "举办外籍人士座谈会"
Right: give the second one a new id, e.g. id = "2021-expat-forum".
If both describe the same thing, delete one; merge two reviews of one year into one.
"#;

const E031_ZH: &str = r#"E031 引用了不存在的设想或品牌
活动的 plan 要写本界别某条工作设想 [[plan]] 的 id，brand 要写本界别某个品牌 [[brand]] 的
name。写的内容在本界别（所有文件合起来）里找不到时，报这个错误。常见原因是两处写法不一致，
或者对应的 [[plan]]、[[brand]] 还没有写。
错误写法：
    [[brand]]
    name = "上海公共外交对话会"

    [[activity]]
    date = "2020-11"
    kind = "座谈"
    title = "公共外交对话会"
    brand = "公共外交对话会"
    plan = "2020-dialogue"
正确写法：brand 与 [[brand]] 的 name 一字不差：
    brand = "上海公共外交对话会"
plan 指的设想还没有写时，补上一条 id = "2020-dialogue" 的 [[plan]]，或者删掉 plan 这一行。
只能引用本界别的设想和品牌；与其他界别合办的活动，用 partners 记录合作界别。
"#;

const E031_EN: &str = r#"E031 reference to a missing plan or brand
An activity's plan must be the id of a [[plan]] of its sector, and its brand the name of a
[[brand]] of its sector. This error means there is none such in the sector (all its files
together). Usually the two spellings differ, or the [[plan]] or [[brand]] is not written yet.
Wrong:
    [[brand]]
    name = "上海公共外交对话会"

    [[activity]]
    date = "2020-11"
    kind = "座谈"
    title = "公共外交对话会"
    brand = "公共外交对话会"
    plan = "2020-dialogue"
Right: brand is exactly the name of the [[brand]]:
    brand = "上海公共外交对话会"
When the plan is not written yet, add a [[plan]] with id = "2020-dialogue", or delete the plan
line. Only plans and brands of the same sector can be named; for an activity held with other
sectors, list them in partners.
"#;

const E032_ZH: &str = r#"E032 界别信息前后不一致
同一个界别可以分成几个文件写（例如每年一个文件），它们的 [sector] 会合并成一份。
committee、convener、secretary、members 这几项可以只在一个文件里写，也可以每个文件都写，
但写了就必须一致。两个文件写了不同的值时报这个错误：标在后一个文件（按文件路径排先后），
并指出先写的位置。name 写的是 jiebie.toml 里登记的别名时，同样算同一个界别。
错误写法：
    # 2020/对外友好界.toml
    [sector]
    name = "对外友好界"
    members = 42

    # 2021/对外友好界.toml
    [sector]
    name = "对外友好界"
    members = 44
正确写法：让两个文件写同一个值，或者只在一个文件里写 members，另一个文件删掉这一行。
确实发生了变化（如换届后人数、召集人变了）时，只保留一个值，一般写现在的情况。
"#;

const E032_EN: &str = r#"E032 conflicting sector metadata
One sector may be kept in several files (e.g. one per year); their [sector] tables are merged.
committee, convener, secretary and members may be given in one file or in each, but where given
they must agree. This error means two files give different values: it stands at the later file
(in path order) and names the earlier place. A name that is an alias registered in jiebie.toml
counts as the same sector.
Wrong:
    # 2020/对外友好界.toml
    [sector]
    name = "对外友好界"
    members = 42

    # 2021/对外友好界.toml
    [sector]
    name = "对外友好界"
    members = 44
Right: give the same value in both files, or give members in one file only and delete the line
from the other. When it really changed (e.g. a new term brought new members or a new
convener), keep one value, usually the current one.
"#;

const W101_ZH: &str = r#"W101 未知的合作界别
partners 里的名称既不是已知的界别，也不是界别的别名。帮助里会给出最接近的名称。
已知的界别是 jiebie.toml 的 sectors 里列出的界别，加上各界别文件 [sector] 里写的界别。
写错的名称对应不到任何界别，对方界别的“受邀参与”数也就少算了这一次。
错误写法（假设工作区里有 台联 和 侨联 两个界别）：
    partners = ["台湾同胞联谊会", "侨联界"]
正确写法：
    partners = ["台联", "侨联"]
习惯用的叫法可以在 jiebie.toml 里登记为别名，以后就可以直接写：
    [aliases]
    "台湾同胞联谊会" = "台联"
政协以外的合办单位（政府部门、协会等）不是界别，请写在 organizers 里：
    organizers = ["市政府合作交流办"]
这只是警告，报表照常生成；加 --strict 时按错误处理。
"#;

const W101_EN: &str = r#"W101 unknown partner sector
A name in partners is neither a known sector nor an alias of one. The help names the closest.
The known sectors are those listed in sectors of jiebie.toml plus every sector declared in the
[sector] table of a sector file. A wrong name reaches no sector, so the sector meant misses
this activity in its "Partnered" count.
Wrong (given a workspace with the sectors 台联 and 侨联):
    partners = ["台湾同胞联谊会", "侨联界"]
Right:
    partners = ["台联", "侨联"]
A name in common use can be registered as an alias in jiebie.toml, and then used freely:
    [aliases]
    "台湾同胞联谊会" = "台联"
Bodies outside the conference (government offices, associations, …) are not sectors: list
them in organizers:
    organizers = ["市政府合作交流办"]
This is only a warning: reports are still produced. Under --strict it counts as an error.
"#;

const W102_ZH: &str = r#"W102 界别把自己列为合作界别
活动的 partners 里写了本界别自己（或本界别的别名）。partners 只记录一起参加活动的
其他界别，本界别办的活动不用再写自己。
错误写法（在对外友好界的文件里）：
    partners = ["对外友好界", "台联"]
正确写法：
    partners = ["台联"]
没有其他界别参加时，删掉 partners 这一行。
这只是警告，报表照常生成；加 --strict 时按错误处理。
"#;

const W102_EN: &str = r#"W102 sector lists itself as partner
An activity's partners name its own sector (or an alias of it). partners records only the
other sectors that took part; a sector's own activity need not name the sector again.
Wrong (in the file of 对外友好界):
    partners = ["对外友好界", "台联"]
Right:
    partners = ["台联"]
When no other sector took part, delete the partners line.
This is only a warning: reports are still produced. Under --strict it counts as an error.
"#;

const W103_ZH: &str = r#"W103 活动日期晚于今天
活动的 date 在今天之后。汇总里记的是已经办过的活动，所以这多半是年份或月份打错了
（例如把 2020 打成了 2029）。
还没有办的活动属于工作设想，请写成 [[plan]]；办完以后再记成 [[activity]]，
并用 plan 指向这条设想。
错误写法（今天是 2021 年 3 月）：
    [[activity]]
    date = 2021-12-05
    kind = "调研"
    title = "调研走访在沪外企"
正确写法：
    [[plan]]
    id = "2021-foreign-firms"
    year = 2021
    kind = "调研"
    title = "调研走访在沪外企"
这只是警告，报表照常生成；加 --strict 时按错误处理。
"#;

const W103_EN: &str = r#"W103 activity dated in the future
The date of an activity lies after today. A summary records what has been done, so this is
mostly a mistyped year or month (e.g. 2029 for 2020).
An activity that has not taken place yet is a plan: write it as a [[plan]], and once it is
done record it as an [[activity]] whose plan names that plan.
Wrong (today being March 2021):
    [[activity]]
    date = 2021-12-05
    kind = "调研"
    title = "调研走访在沪外企"
Right:
    [[plan]]
    id = "2021-foreign-firms"
    year = 2021
    kind = "调研"
    title = "调研走访在沪外企"
This is only a warning: reports are still produced. Under --strict it counts as an error.
"#;

const W104_ZH: &str = r#"W104 缺少年度工作概要
某个界别在某一年有活动，却没有这一年的工作概要 [[review]]。这样汇总报告里这个界别
这一年就只有数字和表格，没有文字概要。
错误写法：文件里有 2020 年的活动，却没有 year = 2020 的 [[review]]：
    [[activity]]
    date = 2020-05-15
    kind = "座谈"
    title = "中外人士恳谈会"
正确写法：补上这一年的工作概要（写在这个界别的任意一个文件里都可以）：
    [[review]]
    year = 2020
    summary = """
    2020年，界别围绕……开展了……（用几段话概括全年工作）
    """
highlights（亮点）、shortcomings（不足）、outlook（下一年的工作设想）可以一并填写，
也可以以后再补。
这只是警告，报表照常生成；加 --strict 时按错误处理。
"#;

const W104_EN: &str = r#"W104 missing review for a year
A sector has activities in a year but no [[review]] (工作概要) for that year, so the report
shows figures and tables for it that year but no written summary.
Wrong: the file has activities of 2020 but no [[review]] with year = 2020:
    [[activity]]
    date = 2020-05-15
    kind = "座谈"
    title = "中外人士恳谈会"
Right: add the review of that year (in any file of the sector):
    [[review]]
    year = 2020
    summary = """
    2020年，界别围绕……开展了……（a few paragraphs on the year's work）
    """
highlights (亮点), shortcomings (不足) and outlook (next year's 工作设想) may be filled in
now or later.
This is only a warning: reports are still produced. Under --strict it counts as an error.
"#;

const W105_ZH: &str = r#"W105 活动落实的是另一年的设想
活动用 plan 指向了一条工作设想，但设想的 year 与活动日期所在的年份不同。工作设想是为某一年
定的计划，jiebie diff 统计“已落实”“落实率”时，只算这一年里的活动。
常见原因是活动日期的年份打错了，或者 plan 指错了设想（例如去年和今年各有一条相似的设想）。
错误写法：
    [[plan]]
    id = "2021-foreign-firms"
    year = 2021
    title = "调研走访在沪外企"

    [[activity]]
    date = 2020-12-10
    kind = "调研"
    title = "走访在沪外资企业"
    plan = "2021-foreign-firms"
正确写法：活动其实是 2021 年办的，就改正日期，例如 date = 2021-03-10；plan 指错了，
就改成 2020 年那条设想的 id。提前落实了下一年的设想时，保留这条警告也没有关系。
这只是警告，报表照常生成；加 --strict 时按错误处理。
"#;

const W105_EN: &str = r#"W105 activity carries out a plan of another year
An activity's plan names a [[plan]] whose year differs from the year of the activity's date. A
plan is meant for one year, and the Done and Follow-through figures of `jiebie diff` count only
activities of that year.
Usually the year of the date is mistyped, or plan names the wrong plan (e.g. when last year and
this year each have a similar one).
Wrong:
    [[plan]]
    id = "2021-foreign-firms"
    year = 2021
    title = "调研走访在沪外企"

    [[activity]]
    date = 2020-12-10
    kind = "调研"
    title = "走访在沪外资企业"
    plan = "2021-foreign-firms"
Right: if the activity took place in 2021, correct its date, e.g. date = 2021-03-10; if plan
names the wrong plan, give the id of the 2020 one. When next year's plan really was carried out
early, the warning may stay.
This is only a warning: reports are still produced. Under --strict it counts as an error.
"#;

const W106_ZH: &str = r#"W106 疑似重复的活动
同一个界别有两条活动的 date 和 title 完全相同，多半是同一个活动记了两次（例如复制后
忘了修改，或者在两个文件里各记了一次）。重复的记录会让活动数和参与人次多算。
错误写法：
    [[activity]]
    date = 2020-05-15
    kind = "座谈"
    title = "中外人士恳谈会"

    [[activity]]
    date = 2020-05-15
    kind = "座谈会"
    title = "中外人士恳谈会"
正确写法：删掉其中一条。如果同一天确实办了两场，就在标题里区分开：
    title = "中外人士恳谈会（上午场）"
    title = "中外人士恳谈会（下午场）"
这只是警告，报表照常生成；加 --strict 时按错误处理。
"#;

const W106_EN: &str = r#"W106 possibly duplicate activity
Two activities of one sector have the same date and title: mostly one activity recorded twice
(copied and not changed, or recorded in two files). A duplicate inflates the activity and
participant counts.
Wrong:
    [[activity]]
    date = 2020-05-15
    kind = "座谈"
    title = "中外人士恳谈会"

    [[activity]]
    date = 2020-05-15
    kind = "座谈会"
    title = "中外人士恳谈会"
Right: delete one of them. If two sessions really took place that day, tell them apart in
the title:
    title = "中外人士恳谈会（上午场）"
    title = "中外人士恳谈会（下午场）"
This is only a warning: reports are still produced. Under --strict it counts as an error.
"#;

const W107_ZH: &str = r#"W107 界别不在配置的界别名单中
jiebie.toml 的 sectors 给出了界别名单（也是所有报表里界别的排列顺序），而某个界别文件
[sector] 的 name 既不在名单里，也不是 [aliases] 里登记的别名。这个界别照样出现在报表里，
但排在名单上所有界别的后面。常见原因是名称的写法不统一。
错误写法：
    # jiebie.toml
    sectors = ["中国共产党", "民革", "对外友好界"]

    # 对外友好界.toml
    [sector]
    name = "对外友好界别"
正确写法：把 name 改成名单上的写法 name = "对外友好界"，或者在 jiebie.toml 里登记别名：
    [aliases]
    "对外友好界别" = "对外友好界"
如果确实是名单漏掉了这个界别，就按正式顺序把它加进 sectors。
这只是警告，报表照常生成；加 --strict 时按错误处理。
"#;

const W107_EN: &str = r#"W107 sector not in the configured list
sectors in jiebie.toml lists the conference's sectors (and the order of sectors in every
report), but the name in the [sector] table of a file is neither on that list nor an alias
registered under [aliases]. The sector still appears in the reports, after all listed ones.
Usually the name is spelt differently.
Wrong:
    # jiebie.toml
    sectors = ["中国共产党", "民革", "对外友好界"]

    # 对外友好界.toml
    [sector]
    name = "对外友好界别"
Right: write the name as on the list, name = "对外友好界", or register an alias in jiebie.toml:
    [aliases]
    "对外友好界别" = "对外友好界"
If the list really lacks the sector, add it to sectors at its place in the official order.
This is only a warning: reports are still produced. Under --strict it counts as an error.
"#;

#[cfg(test)]
mod tests {
    use super::{CODES, explain};
    use crate::lang::Lang;
    use unicode_width::UnicodeWidthStr;

    fn texts() -> impl Iterator<Item = (&'static str, Lang, &'static str)> {
        CODES.iter().flat_map(|&code| {
            [Lang::Zh, Lang::En].into_iter().map(move |lang| {
                let text = explain(code, lang)
                    .unwrap_or_else(|| panic!("{code} has no explanation in {lang:?}"));
                (code, lang, text)
            })
        })
    }

    #[test]
    fn every_code_has_a_text_in_both_languages_starting_with_the_code() {
        for (code, lang, text) in texts() {
            assert!(
                text.starts_with(&format!("{code} ")),
                "{code} ({lang:?}) starts with {:?}",
                text.lines().next()
            );
        }
    }

    #[test]
    fn languages_differ() {
        for &code in CODES {
            assert_ne!(explain(code, Lang::Zh), explain(code, Lang::En), "{code}");
        }
    }

    #[test]
    fn texts_are_plain_short_and_narrow() {
        for (code, lang, text) in texts() {
            assert!(text.ends_with('\n'), "{code} ({lang:?}) lacks a final newline");
            assert!(!text.ends_with("\n\n"), "{code} ({lang:?}) ends with a blank line");
            let lines = text.lines().count();
            assert!((8..=30).contains(&lines), "{code} ({lang:?}) has {lines} lines");
            for line in text.lines() {
                assert!(line.width() <= 100, "{code} ({lang:?}) too wide: {line}");
                assert_eq!(line, line.trim_end(), "{code} ({lang:?}) trailing space: {line}");
                assert!(!line.contains(['\t', '\x1b']), "{code} ({lang:?}): {line}");
            }
        }
    }

    #[test]
    fn unknown_codes_give_none() {
        for code in ["", "E", "E000", "E999", "W100", "X001", "E0200", " E020"] {
            assert_eq!(explain(code, Lang::Zh), None, "{code:?}");
            assert_eq!(explain(code, Lang::En), None, "{code:?}");
        }
    }

    #[test]
    fn lowercase_works() {
        for &code in CODES {
            let lower = code.to_ascii_lowercase();
            assert_eq!(explain(&lower, Lang::Zh), explain(code, Lang::Zh));
            assert_eq!(explain(&lower, Lang::En), explain(code, Lang::En));
        }
        assert!(explain("e020", Lang::En).unwrap().starts_with("E020 unknown activity kind"));
        assert!(explain("w101", Lang::Zh).unwrap().starts_with("W101 "));
    }
}
