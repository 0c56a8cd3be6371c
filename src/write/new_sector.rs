//! The text of a new sector file (`jiebie init`): `[sector]`, one `[[review]]`, and
//! commented-out examples of every other table, in the language of the run. It validates as it
//! is, with W109 for the placeholder text until the secretary writes it.

use crate::lang::Lang;

/// The template for a sector and a year: `[sector]`, one `[[review]]`, and commented-out
/// examples of every other table.
pub fn template(sector: &str, year: u16, lang: Lang) -> String {
    let name = quote(sector);
    let next = year.saturating_add(1);
    // The placeholder `validate` warns about (W109) until the secretary writes the text.
    let todo = crate::terms::vocabulary::placeholder(lang);
    match lang {
        Lang::Zh => format!(
            r##"#:schema ./jiebie.schema.json
# {sector} 界别文件（jiebie）。
# 以 # 开头的行是注释。去掉行首的 # 即可启用示例；改完后运行 `jiebie validate` 检查。
# 键名一律用英文；中文只写在英文双引号里；等号、引号、逗号都用半角。
# 编辑器提示：同目录的 jiebie.schema.json 让装有 Even Better TOML 的编辑器边写边检查（可用 `jiebie schema` 重新生成）。

format = 1

[sector]
name = {name}
# committee = "经济委员会"      # 联系专委会
# convener = "张某某"           # 召集人
# secretary = "李某某"          # 界别秘书
# members = 40                  # 委员人数（有 [[member]] 名册时须与名册人数一致，可省略）

# 工作概要与工作设想：每年一条
[[review]]
year = {year}
# title = "讲好中国故事、上海故事、政协故事"   # 标题：工作概要发表时的标题，可省略
summary = "{todo}{year}年工作概要。"
# highlights = ["一是……", "二是……"]   # 亮点、创新探索
# shortcomings = ["……"]                # 不足
# outlook = "{next}年，界别将……"        # 下一年工作设想

# 活动：每项活动一条 [[activity]]
# 日期可写 2021-03-02、"2021-03"、"2021年5月"、"2021-Q2"、"2021年上半年"、"2021年全年" 等
# [[activity]]
# id = "{year}-survey-1"             # 编号，可省略；界别内不能重复
# date = {year}-05-15
# end_date = {year}-05-16            # 结束日期，可省略
# kind = "调研"                      # 学习、调研、视察、协商、座谈、会议、培训、界别活动、提案、社情民意……
# title = "走访在沪企业"
# summary = "活动内容摘要"
# location = "浦东新区"
# participants = 12                  # 委员参与人次
# partners = ["台联", "侨联"]         # 合作界别（界别+）
# organizers = ["市政府合作交流办"]   # 会外合办单位
# tags = ["营商环境"]
# outcomes = ["形成调研报告"]
# plan = "{year}-firms"              # 落实的工作设想编号（见 [[plan]]）
# brand = "界别品牌名称"             # 所属工作品牌（见 [[brand]]）
# highlight = true                   # 年度亮点
# attendees = ["张三"]               # 参加的委员（名册 [[member]] 中的姓名）
# 提案、社情民意还可写 authors（第一位为第一提案人）、number、status 和 adoption，见 jiebie explain E022

# 工作设想：某一年准备做的事（下一年的设想写 year = {next}）
# [[plan]]
# id = "{year}-firms"
# year = {year}
# title = "调研走访在沪外企"
# kind = "调研"
# detail = "说明"
# tags = ["外企"]

# 年度指标：接待外宾 839 人次、收集案例 60 多个……
# [[metric]]
# year = {year}
# name = "征集案例"
# value = 60
# unit = "个"
# target = 50                        # 目标值，可省略
# note = "60多个"

# 工作品牌
# [[brand]]
# name = "界别品牌名称"
# since = 2013
# summary = "简介"

# 界别委员名册（可选）：活动的 attendees、提案和社情民意的 authors 写名册中的姓名
# [[member]]
# name = "张三"
# role = "委员"                       # 召集人、副召集人、常委或委员
# unit = "单位及职务"
# from = {year}                       # 进入本界别的年度（可省略）
"##
        ),
        Lang::En => format!(
            r##"#:schema ./jiebie.schema.json
# Sector file of {sector} (jiebie).
# Lines starting with # are comments: remove the # to use an example, then run `jiebie validate`.
# Keys are English; Chinese goes inside double quotes only.
# Editor checks: jiebie.schema.json beside this file (regenerate with `jiebie schema`) is read by Even Better TOML.

format = 1

[sector]
name = {name}
# committee = "经济委员会"      # linked special committee
# convener = "张某某"
# secretary = "李某某"
# members = 40

# The year's summary and outlook: one per year
[[review]]
year = {year}
# title = "讲好中国故事、上海故事、政协故事"   # the headline of the sector's piece, optional
summary = "{todo} summary of {year}."
# highlights = ["一是……", "二是……"]
# shortcomings = ["……"]
# outlook = "In {next}, the sector will …"

# Activities: one [[activity]] each
# Dates: 2021-03-02, "2021-03", "2021年5月", "2021-Q2", "2021年上半年", "2021年全年" …
# [[activity]]
# id = "{year}-survey-1"
# date = {year}-05-15
# end_date = {year}-05-16
# kind = "调研"
# title = "走访在沪企业"
# summary = "…"
# location = "浦东新区"
# participants = 12
# partners = ["台联", "侨联"]
# organizers = ["市政府合作交流办"]
# tags = ["营商环境"]
# outcomes = ["形成调研报告"]
# plan = "{year}-firms"
# brand = "界别品牌名称"
# highlight = true
# attendees = ["张三"]               # members who took part (names of the [[member]] roster)
# 提案 and 社情民意 also take authors (the first is the first author), number, status and adoption

# Plans for a year (next year's plans: year = {next})
# [[plan]]
# id = "{year}-firms"
# year = {year}
# title = "调研走访在沪外企"
# kind = "调研"
# detail = "…"
# tags = ["外企"]

# Figures of the year
# [[metric]]
# year = {year}
# name = "征集案例"
# value = 60
# unit = "个"
# target = 50
# note = "60多个"

# Work brands
# [[brand]]
# name = "界别品牌名称"
# since = 2013
# summary = "…"

# The sector's roster (optional): activities' attendees and authors name its members
# [[member]]
# name = "张三"
# role = "委员"                       # 召集人, 副召集人, 常委 or 委员
# unit = "…"
# from = {year}                       # first year in the sector (optional)
"##
        ),
    }
}

/// A TOML basic string.
fn quote(text: &str) -> String {
    toml_edit::Value::from(text).to_string().trim().to_string()
}
