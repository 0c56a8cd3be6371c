//! The command line: clap's types (derived, and `add`'s flags built from the field tables).
//! Nothing past the commands sees these types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::lang::Lang;
use crate::render::{DiffView, Format, SummaryView};
use crate::terms::fields::{self, Entity, Type};
use crate::write::entry::Field;

#[derive(Parser, Debug)]
#[command(
    name = "jiebie",
    // Not the file name clap would take from argv[0]: on Windows that is `jiebie.exe`, and the
    // usage line should read the same everywhere (SPEC §12).
    bin_name = "jiebie",
    version,
    about = "界别工作概要汇编工具 — compile the yearly work summaries of the sectors (界别) of a political consultative conference",
    max_term_width = 100
)]
pub struct Cli {
    /// 语言（默认取环境变量 JIEBIE_LANG，否则 zh）/ language (default: JIEBIE_LANG, else zh)
    #[arg(long, global = true, value_enum, ignore_case = true)]
    pub lang: Option<Lang>,

    /// 颜色 / colour: auto (terminal, no NO_COLOR), always, never
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub color: ColorChoice,

    /// 配置文件 jiebie.toml / workspace configuration file (`schema --config`: schema of jiebie.toml)
    #[arg(long, global = true, value_name = "FILE", num_args = 0..=1)]
    pub config: Option<Option<PathBuf>>,

    /// 不显示警告 / print no warnings
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// 输出到终端且未设置 NO_COLOR 时使用颜色 / on a terminal, unless NO_COLOR is set
    Auto,
    /// 总是使用颜色 / always
    Always,
    /// 不用颜色 / never
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 检查数据文件，报告所有问题 / check the data and report every problem
    Validate {
        /// 数据目录或文件 / data directories or files [default: .]
        paths: Vec<PathBuf>,
        /// 有警告也算失败 / treat warnings as errors
        #[arg(long)]
        strict: bool,
        /// 输出格式 / output format
        #[arg(long, value_enum, default_value = "text")]
        format: ValidateFormat,
    },
    /// 解释诊断代码；不给代码时列出全部 / explain a diagnostic code; without one, list them all
    Explain {
        /// 诊断代码，例如 E020（省略则列出全部代码）/ the code, e.g. E020 (omit it to list every code)
        code: Option<String>,
    },
    /// 年度汇总报告 / the merged yearly report
    Summarize(SummarizeArgs),
    /// 两个年度对比 / compare two years
    Diff(DiffArgs),
    /// 新建界别文件模板 / write a commented template for a sector
    Init {
        /// 界别名称 / sector name
        sector: String,
        /// 目录 / directory to write into
        #[arg(long, default_value = ".")]
        dir: PathBuf,
        /// 年度（默认今年）/ year of the review (default: this year)
        #[arg(long, value_parser = crate::usage::year)]
        year: Option<u16>,
        /// 名称与已知界别只差一个字时仍然建立 / write even when the name is one character from a known sector
        #[arg(long)]
        force: bool,
    },
    /// 添加一条记录 / append an entry to a sector's file
    Add {
        #[command(subcommand)]
        entry: AddCommand,
    },
    /// 输出内置的文档模板 / print the built-in document template (summary or diff)
    Template {
        /// 哪个模板 / which template
        #[arg(value_enum, default_value = "summary")]
        which: TemplateKind,
    },
    /// 从 Excel/CSV 表格导入活动、工作设想或指标 / import activities, plans or metrics from a spreadsheet
    Import(ImportArgs),
    /// 输出 JSON Schema / print the JSON Schema (draft-07) of a sector file (--config: jiebie.toml)
    Schema,
    /// 生成命令补全脚本 / print a shell completion script
    Completions {
        /// shell
        shell: clap_complete::Shell,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TemplateKind {
    /// 年度工作概要与工作设想 / the yearly summary (`summarize`)
    Summary,
    /// 两个年度的对比 / the comparison of two years (`diff`)
    Diff,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// 逐条诊断，最后一行为统计 / one diagnostic after another, a count last
    Text,
    /// 一个 JSON 对象，供脚本使用 / one JSON object, for scripts
    Json,
}

/// Options shared by the report commands.
#[derive(Args, Debug)]
pub struct OutputArgs {
    /// 只显示这些界别（名称或别名，可重复）/ limit to these sectors (repeatable)
    #[arg(long = "sector", value_name = "NAME")]
    pub sectors: Vec<String>,
    /// 输出格式（默认按 -o 的扩展名，否则 table）/ format (default: from -o's extension, else table)
    ///
    /// -o 的扩展名：.csv → csv，.md → markdown，.json → json，.txt → table
    /// / extensions of -o: .csv → csv, .md → markdown, .json → json, .txt → table
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// 输出到文件（原子写入，完成后在标准错误上确认）/ write to FILE (atomically, confirmed on standard error)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 有警告也算失败 / treat warnings as errors
    #[arg(long)]
    pub strict: bool,
    /// CSV：写入 UTF-8 BOM，便于 Excel/WPS 打开 / CSV: write a UTF-8 BOM for Excel and WPS
    #[arg(long)]
    pub excel: bool,
    /// CSV：不防公式注入 / CSV: no formula-injection guard
    #[arg(long)]
    pub raw: bool,
    /// 用自己的模板生成 Markdown 文档（minijinja；见 `jiebie template`）/ render the document with your own template
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct SummarizeArgs {
    /// 数据目录或文件 / data directories or files [default: .]
    pub paths: Vec<PathBuf>,
    /// 年度（默认为有数据的最近一年）/ the year (default: the latest year with data)
    #[arg(long, value_parser = crate::usage::year)]
    pub year: Option<u16>,
    /// 视图（默认 full；csv 默认 overview）/ view (default: full; for CSV: overview)
    #[arg(long, value_enum)]
    pub view: Option<SummaryView>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// 起始年度 / the year to compare from
    #[arg(value_parser = crate::usage::year)]
    pub from: u16,
    /// 对比年度 / the year to compare to
    #[arg(value_parser = crate::usage::year)]
    pub to: u16,
    /// 数据目录或文件 / data directories or files [default: .]
    pub paths: Vec<PathBuf>,
    /// 视图（默认 full；csv 默认 sectors）/ view (default: full; for CSV: sectors)
    #[arg(long, value_enum)]
    pub view: Option<DiffView>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// 表格文件（.xlsx、.xls、.ods、.csv）/ the spreadsheet (.xlsx, .xls, .ods, .csv)
    pub sheet_file: PathBuf,
    /// 数据目录或文件 / data directories or files [default: .]
    pub paths: Vec<PathBuf>,
    /// 界别（名称或别名）/ the sector (name or alias)
    #[arg(long)]
    pub sector: String,
    /// 只导入这张工作表 / import only this sheet
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// 把其他列对应到字段，例如 "活动类型=类别,负责人=备注" / map other columns to fields, e.g. "Type=Kind,Owner=Note"
    #[arg(long, value_name = "列=字段,…")]
    pub columns: Option<String>,
    /// 只显示将要追加的内容，不写入 / print what would be appended, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// 设想和指标的年度（表格没有“年度”列时）/ the year of plans and metrics without a Year column
    #[arg(long, value_parser = clap::value_parser!(u16).range(1900..=2100))]
    pub year: Option<u16>,
    /// 写入哪个文件（界别有多个文件时）/ the file to append to, when the sector has several
    #[arg(long)]
    pub file: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum AddCommand {
    /// 添加活动 / append an [[activity]]
    Activity(AddActivity),
    /// 添加工作设想 / append a [[plan]]
    Plan(AddPlan),
    /// 添加指标 / append a [[metric]]
    Metric(AddMetric),
    /// 添加委员到界别名册 / append a [[member]] to the roster
    Member(AddMember),
}

/// Where an added entry goes.
#[derive(Args, Debug)]
pub struct AddTarget {
    /// 界别（名称或别名）/ the sector (name or alias)
    #[arg(long)]
    pub sector: String,
    /// 写入哪个文件（界别有多个文件时）/ the file to append to, when the sector has several
    #[arg(long)]
    pub file: Option<PathBuf>,
    /// 数据目录或文件 / data directories or files [default: .]
    pub paths: Vec<PathBuf>,
}

/// The flags of `add activity|plan|metric`: one per key of the entity's field table
/// (`terms::fields`), with its help, its value parser by type, required as the key is.
#[derive(Debug)]
pub struct EntryArgs {
    pub target: AddTarget,
    pub entity: &'static Entity,
    /// The values given, in the table's order (a flag not given is absent, `--highlight`
    /// only when given).
    pub values: Vec<(&'static str, Field)>,
}

/// Adds a flag for each field of `entity` to `command`.
fn entry_flags(mut command: clap::Command, entity: &Entity) -> clap::Command {
    use clap::{Arg, ArgAction};
    for field in entity.fields {
        let arg = Arg::new(field.key).long(field.flag).help(field.help);
        let arg = match field.ty {
            Type::Bool => arg.action(ArgAction::SetTrue),
            Type::List | Type::Sentences => {
                arg.action(ArgAction::Append).value_name(field.key.to_uppercase())
            }
            _ => arg
                .action(ArgAction::Set)
                .required(field.required)
                .value_name(field.key.to_uppercase()),
        };
        let arg = match field.ty {
            Type::Date { end: false } => arg.value_parser(crate::usage::date),
            Type::Date { end: true } => arg.value_parser(crate::usage::end_date),
            Type::Count => arg.value_parser(crate::usage::count),
            Type::Year => arg.value_parser(crate::usage::year),
            Type::Number => arg.allow_hyphen_values(true).value_parser(number),
            Type::Text | Type::Bool | Type::List | Type::Sentences | Type::Table => arg,
        };
        command = command.arg(arg);
    }
    command
}

impl EntryArgs {
    fn from_matches(
        matches: &clap::ArgMatches,
        entity: &'static Entity,
    ) -> clap::error::Result<Self> {
        let target = <AddTarget as clap::FromArgMatches>::from_arg_matches(matches)?;
        let mut values = Vec::new();
        for field in entity.fields {
            let key = field.key;
            let value = match field.ty {
                Type::Bool => matches.get_flag(key).then_some(Field::Bool(true)),
                // Names of members split like a spreadsheet's cell: `--attendees 张三、李四`.
                Type::List if ["attendees", "authors", "adoption"].contains(&key) => {
                    Some(Field::List(
                        matches
                            .get_many::<String>(key)
                            .into_iter()
                            .flatten()
                            .flat_map(|v| v.split(['、', ',', '，', ';', '；', '\n']))
                            .map(str::trim)
                            .filter(|v| !v.is_empty())
                            .map(String::from)
                            .collect(),
                    ))
                }
                Type::List | Type::Sentences => Some(Field::List(
                    matches.get_many::<String>(key).into_iter().flatten().cloned().collect(),
                )),
                Type::Count => matches
                    .get_one::<u64>(key)
                    .map(|n| Field::Integer((*n).min(i64::MAX as u64) as i64)),
                Type::Year => matches.get_one::<u16>(key).map(|y| Field::Integer(i64::from(*y))),
                Type::Number => matches.get_one::<Field>(key).cloned(),
                Type::Date { .. } => matches.get_one::<String>(key).cloned().map(Field::Date),
                Type::Text | Type::Table => {
                    matches.get_one::<String>(key).cloned().map(Field::Text)
                }
            };
            if let Some(value) = value {
                values.push((key, value));
            }
        }
        Ok(EntryArgs { target, entity, values })
    }
}

/// `add`'s subcommand types, one per entity, each with the flags of its field table.
macro_rules! entry_command {
    ($name:ident, $entity:path) => {
        #[derive(Debug)]
        pub struct $name(pub EntryArgs);

        impl clap::FromArgMatches for $name {
            fn from_arg_matches(matches: &clap::ArgMatches) -> clap::error::Result<Self> {
                EntryArgs::from_matches(matches, &$entity).map($name)
            }

            fn update_from_arg_matches(
                &mut self,
                matches: &clap::ArgMatches,
            ) -> clap::error::Result<()> {
                *self = Self::from_arg_matches(matches)?;
                Ok(())
            }
        }

        impl Args for $name {
            fn augment_args(command: clap::Command) -> clap::Command {
                entry_flags(AddTarget::augment_args(command), &$entity)
            }

            fn augment_args_for_update(command: clap::Command) -> clap::Command {
                Self::augment_args(command)
            }
        }
    };
}

entry_command!(AddActivity, fields::ACTIVITY);
entry_command!(AddPlan, fields::PLAN);
entry_command!(AddMetric, fields::METRIC);
entry_command!(AddMember, fields::MEMBER);

/// An integer or a decimal number given on the command line.
fn number(text: &str) -> Result<Field, crate::usage::FlagError> {
    if let Ok(i) = text.trim().parse::<i64>() {
        return Ok(Field::Integer(i));
    }
    match text.trim().parse::<f64>() {
        Ok(f) if f.is_finite() => Ok(Field::Float(f)),
        _ => Err(crate::usage::FlagError {
            zh: "写数字，例如 60 或 18.6".into(),
            en: "write a number, e.g. 60 or 18.6".into(),
        }),
    }
}

/// The command line with the examples of each command in the language of the run: clap's
/// help text is static, so the examples are attached here, once the language is known.
pub fn command(lang: Lang) -> clap::Command {
    use clap::CommandFactory;
    let zh = lang == Lang::Zh;
    let help =
        |(zh_text, en_text): (&'static str, &'static str)| if zh { zh_text } else { en_text };
    let mut command = Cli::command().after_help(help(TOP));
    for (name, text) in SUBCOMMANDS {
        command = command.mut_subcommand(name, |c| c.after_help(help(text)));
    }
    command.mut_subcommand("add", |add| {
        ADD.iter()
            .fold(add, |add, (name, text)| add.mut_subcommand(name, |c| c.after_help(help(*text))))
    })
}

type Texts = (&'static str, &'static str);

const TOP: Texts = (
    "\
示例：
  jiebie validate examples                        检查工作区，列出所有问题
  jiebie summarize examples                       最近一年的汇总报告（终端表格）
  jiebie summarize examples --year 2020 --sector 对外友好界
  jiebie summarize examples -o 报告.docx          Word 文档（公文格式），直接交给办公厅
  jiebie summarize examples -o 报告.xlsx          Excel 工作簿，每个视图一张工作表
  jiebie diff 2020 2021 examples                  两个年度对比
  jiebie init 民革 --dir 数据 --year 2021         新建界别文件模板
  jiebie add activity --sector 民革 --date 2021-03-02 --kind 调研 --title \"走访\" 数据
                                                  添加一项活动（先检查，再写入）
  jiebie import 活动.xlsx --sector 民革 数据        从 Excel/CSV 表格导入活动
  jiebie explain                                  列出所有诊断代码
每个子命令的用法和示例：jiebie 子命令 --help（例如 jiebie summarize --help）

环境变量：JIEBIE_LANG=zh|en（语言），NO_COLOR（不用颜色），COLUMNS（终端表格的宽度），
          JIEBIE_TODAY=YYYY-MM-DD（“今天”，用于测试）
退出码：0 成功（可能有警告），1 数据有误（未写出任何结果），2 用法错误",
    "\
Examples:
  jiebie validate examples                        check a workspace, list every problem
  jiebie summarize examples                       the report of the latest year (terminal tables)
  jiebie summarize examples --year 2020 --sector 对外友好界
  jiebie summarize examples -o report.docx        the Word document (official layout)
  jiebie summarize examples -o report.xlsx        an Excel workbook, one sheet per view
  jiebie diff 2020 2021 examples                  compare two years
  jiebie init 民革 --dir data --year 2021         write a template for a sector
  jiebie add activity --sector 民革 --date 2021-03-02 --kind 调研 --title \"走访\" data
                                                  add an activity (checked, then written)
  jiebie import acts.xlsx --sector 民革 data        import activities from Excel/CSV
  jiebie explain                                  list every diagnostic code
Usage and examples of each command: jiebie COMMAND --help (e.g. jiebie summarize --help)

Environment: JIEBIE_LANG=zh|en (language), NO_COLOR (no colour), COLUMNS (width of terminal
             tables), JIEBIE_TODAY=YYYY-MM-DD (\"today\", for tests)
Exit codes: 0 success (warnings may be printed), 1 invalid data (nothing written), 2 usage error",
);

const SUBCOMMANDS: [(&str, Texts); 10] = [
    (
        "validate",
        (
            "\
示例：
  jiebie validate examples                    检查 examples 目录下的所有界别文件
  jiebie validate 数据/经济界.toml --strict    只查一个文件，有警告也算失败（退出码 1）
  jiebie validate 数据 --format json          诊断输出为 JSON，供脚本使用",
            "\
Examples:
  jiebie validate examples                    check every sector file under examples
  jiebie validate data/经济界.toml --strict    one file; a warning fails too (exit code 1)
  jiebie validate data --format json          the diagnostics as JSON, for scripts",
        ),
    ),
    (
        "explain",
        (
            "\
示例：
  jiebie explain                 列出所有诊断代码及其标题
  jiebie explain E020            未知活动类别的详细说明、错误写法和正确写法
  jiebie explain w108 --lang en  英文说明（代码不分大小写）",
            "\
Examples:
  jiebie explain                 list every diagnostic code with its title
  jiebie explain E020            unknown activity kinds: what triggers it, wrong and right
  jiebie explain w108 --lang zh  the Chinese text (codes are case-insensitive)",
        ),
    ),
    (
        "summarize",
        (
            "\
格式默认由 -o 的扩展名决定（.docx .xlsx .csv .md .json .txt），没有 -o 时为终端表格 table。
视图默认为 full（全部视图）；csv 一次只能输出一个视图，默认 overview。

示例：
  jiebie summarize examples                               最近一年的完整报告（终端表格）
  jiebie summarize examples --year 2020 --view overview   2020 年各界别总览
  jiebie summarize examples -o 报告.docx                  Word 文档（公文格式）
  jiebie summarize examples -o 报告.xlsx                  Excel 工作簿
其他格式：-o 活动.csv --view activities --excel（Excel/WPS 可直接打开的 CSV）、-o 报告.md（Markdown）。
用自己的模板生成文档：--template 文件.md.j2（见 jiebie template --help）。",
            "\
The format follows the extension of -o (.docx .xlsx .csv .md .json .txt); without -o it is table.
The view is full (every view) by default; CSV holds one view, overview by default.

Examples:
  jiebie summarize examples                               the latest year in full (terminal)
  jiebie summarize examples --year 2020 --view overview   the overview of 2020
  jiebie summarize examples -o report.docx                the Word document (official layout)
  jiebie summarize examples -o report.xlsx                an Excel workbook
Other formats: -o acts.csv --view activities --excel (CSV for Excel/WPS), -o report.md (Markdown).
The document from your own template: --template FILE.md.j2 (see jiebie template --help).",
        ),
    ),
    (
        "diff",
        (
            "\
格式默认由 -o 的扩展名决定（.docx .xlsx .csv .md .json .txt），没有 -o 时为终端表格 table。
视图默认为 full（全部视图）；csv 一次只能输出一个视图，默认 sectors。

示例：
  jiebie diff 2020 2021 examples                          两年对比的全部表格
  jiebie diff 2020 2021 examples --view plans             2021 年工作设想的落实情况
  jiebie diff 2020 2021 examples -o 对比.csv --excel       各界别对比（sectors 视图）导出为 CSV",
            "\
The format follows the extension of -o (.docx .xlsx .csv .md .json .txt); without -o it is table.
The view is full (every view) by default; CSV holds one view, sectors by default.

Examples:
  jiebie diff 2020 2021 examples                          every table of the comparison
  jiebie diff 2020 2021 examples --view plans             follow-through of the plans for 2021
  jiebie diff 2020 2021 examples -o diff.csv --excel       the sectors view as CSV for Excel/WPS",
        ),
    ),
    (
        "init",
        (
            "\
示例：
  jiebie init 民革                          在当前目录写出 民革.toml（今年的模板）
  jiebie init 经济界 --dir 数据 --year 2021  写出 数据/经济界.toml，工作概要年度为 2021
已有的文件不会被覆盖（退出码 2）。名称与已知界别只差一个字（经济届）时拒绝并给出建议，
确是这个名称时加 --force。",
            "\
Examples:
  jiebie init 民革                          write 民革.toml here (this year's template)
  jiebie init 经济界 --dir data --year 2021  write data/经济界.toml with a review for 2021
An existing file is never overwritten (exit code 2). A name one character from a known sector
(经济届) is refused with a suggestion; add --force when the name is right.",
        ),
    ),
    (
        "add",
        (
            "\
示例：
  jiebie add activity --sector 民革 --date 2021-03-02 --kind 调研 --title \"走访台资企业\" 数据
  jiebie add plan --sector 民革 --id 2022-research --year 2022 --title \"开展营商环境调研\" 数据
  jiebie add metric --sector 民革 --year 2021 --name 报送社情民意 --value 12 --unit 条 数据
详见 jiebie add activity --help。",
            "\
Examples:
  jiebie add activity --sector 民革 --date 2021-03-02 --kind 调研 --title \"走访台资企业\" data
  jiebie add plan --sector 民革 --id 2022-research --year 2022 --title \"开展营商环境调研\" data
  jiebie add metric --sector 民革 --year 2021 --name 报送社情民意 --value 12 --unit 条 data
See jiebie add activity --help.",
        ),
    ),
    (
        "template",
        (
            "\
示例：
  jiebie template > 我的模板.md.j2              内置的年度文档模板，复制后修改
  jiebie template diff > 对比模板.md.j2         内置的两年对比模板
  jiebie summarize 数据 --template 我的模板.md.j2 -o 报告.md
模板的变量就是 --format json 输出的各个键，外加 lang；过滤器见 docs/reference.md。",
            "\
Examples:
  jiebie template > mine.md.j2                  the built-in yearly document, to copy and change
  jiebie template diff > diff.md.j2             the built-in comparison
  jiebie summarize data --template mine.md.j2 -o report.md
The variables are the keys --format json prints, plus lang; the filters are in docs/reference.md.",
        ),
    ),
    (
        "import",
        (
            "\
示例：
  jiebie import 活动.xlsx --sector 民建 数据 --dry-run   先看将追加的 TOML，不写入
  jiebie import 活动.xlsx --sector 民建 数据             追加表格中新的活动、设想和指标
  jiebie import 指标.csv --sector 民建 --year 2021 数据  表格没有“年度”列时用 --year
列名用汇总视图的表头（日期、类别、活动 …）或 add 的参数名；样表见 examples/导入示例.xlsx。
有错误的格子全部列出（如 活动.xlsx:Sheet1!C3），有错误时什么都不写（退出码 1）。",
            "\
Examples:
  jiebie import activities.xlsx --sector 民建 data --dry-run   print the TOML it would append
  jiebie import activities.xlsx --sector 民建 data             append the sheet's new rows
  jiebie import metrics.csv --sector 民建 --year 2021 data     --year when there is no Year column
Columns are named by the views' labels (Date, Kind, Title …) or add's flags; a sample sheet is
examples/导入示例.xlsx. Every bad cell is listed (活动.xlsx:Sheet1!C3); with an error nothing is
written (exit code 1).",
        ),
    ),
    (
        "schema",
        (
            "\
示例：
  jiebie schema > jiebie.schema.json           界别文件的 JSON Schema（供 taplo / Even Better TOML）
  jiebie schema --config > config.schema.json  jiebie.toml 的 JSON Schema
在界别文件第一行写 #:schema ./jiebie.schema.json，编辑器即可补全和检查键名。",
            "\
Examples:
  jiebie schema > jiebie.schema.json           the sector file's schema (taplo, Even Better TOML)
  jiebie schema --config > config.schema.json  the schema of jiebie.toml
With #:schema ./jiebie.schema.json as a file's first line, editors complete and check keys.",
        ),
    ),
    (
        "completions",
        (
            "\
示例：
  jiebie completions bash > ~/.local/share/bash-completion/completions/jiebie
  jiebie completions powershell >> $PROFILE",
            "\
Examples:
  jiebie completions bash > ~/.local/share/bash-completion/completions/jiebie
  jiebie completions powershell >> $PROFILE",
        ),
    ),
];

const ADD: [(&str, Texts); 3] = [
    (
        "activity",
        (
            "\
示例：
  jiebie add activity --sector 民革 --date 2021-03-02 --kind 调研 --title \"走访台资企业\" 数据
  jiebie add activity --sector 对外友好界 --date 2021年上半年 --kind 座谈会 --title \"中外人士恳谈会\" \\
      --participants 25 --partner 侨联 --highlight examples
先检查加入后的工作区：会引入错误时不写入（退出码 1）；文件的其他内容原样保留。",
            "\
Examples:
  jiebie add activity --sector 民革 --date 2021-03-02 --kind 调研 --title \"走访台资企业\" data
  jiebie add activity --sector 对外友好界 --date 2021年上半年 --kind 座谈会 --title \"中外人士恳谈会\" \\
      --participants 25 --partner 侨联 --highlight examples
The workspace is checked with the entry in place: nothing is written if that adds an error
(exit code 1); every other byte of the file stays as it was.",
        ),
    ),
    (
        "plan",
        (
            "\
示例：
  jiebie add plan --sector 民革 --id 2022-research --year 2022 --title \"开展营商环境调研\" 数据
  jiebie add plan --sector 经济界 --id 2022-forum --year 2022 --title \"举办民营经济论坛\" --kind 座谈 数据",
            "\
Examples:
  jiebie add plan --sector 民革 --id 2022-research --year 2022 --title \"开展营商环境调研\" data
  jiebie add plan --sector 经济界 --id 2022-forum --year 2022 --title \"举办民营经济论坛\" --kind 座谈 data",
        ),
    ),
    (
        "metric",
        (
            "\
示例：
  jiebie add metric --sector 民革 --year 2021 --name 报送社情民意 --value 12 --unit 条 数据
  jiebie add metric --sector 经济界 --year 2021 --name 调研报告 --value 6 --target 8 --unit 篇 数据",
            "\
Examples:
  jiebie add metric --sector 民革 --year 2021 --name 报送社情民意 --value 12 --unit 条 data
  jiebie add metric --sector 经济界 --year 2021 --name 调研报告 --value 6 --target 8 --unit 篇 data",
        ),
    ),
];
