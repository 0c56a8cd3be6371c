//! The command line: clap derive types only. Nothing past `lib::run` sees these types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::lang::Lang;
use crate::render::{DiffView, Format, SummaryView};
use crate::write::entry::Field;

const EXAMPLES: &str = "\
示例 / Examples:
  jiebie validate examples                    检查工作区 / check a workspace
  jiebie summarize examples                   2021 年度报告（终端表格）/ the yearly report
  jiebie summarize examples --year 2020 --sector 对外友好界
  jiebie summarize examples --view overview -o 汇总.csv --excel
  jiebie summarize examples -o 报告.md && pandoc 报告.md -o 报告.docx
  jiebie diff 2020 2021 examples --view plans
  jiebie init 民革 --dir 数据 --year 2021
  jiebie add activity --sector 民革 --date 2021-03-02 --kind 调研 --title \"走访企业\" 数据
  jiebie explain E020

环境变量 / Environment: JIEBIE_LANG=zh|en, NO_COLOR, JIEBIE_TODAY=YYYY-MM-DD (用于测试 / for tests)
退出码 / Exit codes: 0 成功 success, 1 数据有误 invalid data, 2 用法错误 usage error";

#[derive(Parser, Debug)]
#[command(
    name = "jiebie",
    version,
    about = "界别工作概要汇编工具 — compile the yearly work summaries of the sectors (界别) of a political consultative conference",
    after_help = EXAMPLES,
    max_term_width = 100
)]
pub struct Cli {
    /// 语言 / language of labels and messages
    #[arg(
        long,
        global = true,
        value_enum,
        env = "JIEBIE_LANG",
        default_value = "zh",
        hide_env_values = true
    )]
    pub lang: Lang,

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
    Auto,
    Always,
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
    /// 解释诊断代码 / explain a diagnostic code, e.g. E020
    Explain {
        /// 诊断代码 / the code, e.g. E020
        code: String,
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
    },
    /// 添加一条记录 / append an entry to a sector's file
    Add {
        #[command(subcommand)]
        entry: AddCommand,
    },
    /// 输出 JSON Schema / print the JSON Schema (draft-07) of a sector file (--config: jiebie.toml)
    Schema,
    /// 生成命令补全脚本 / print a shell completion script
    Completions {
        /// shell
        shell: clap_complete::Shell,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    Text,
    Json,
}

/// Options shared by the report commands.
#[derive(Args, Debug)]
pub struct OutputArgs {
    /// 只显示这些界别（名称或别名，可重复）/ limit to these sectors (repeatable)
    #[arg(long = "sector", value_name = "NAME")]
    pub sectors: Vec<String>,
    /// 输出格式（默认按 -o 的扩展名，否则 table）/ format (default: from -o's extension, else table)
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// 输出到文件（原子写入）/ write to FILE (atomically)
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
}

#[derive(Args, Debug)]
pub struct SummarizeArgs {
    /// 数据目录或文件 / data directories or files [default: .]
    pub paths: Vec<PathBuf>,
    /// 年度（默认为有数据的最近一年）/ the year (default: the latest year with data)
    #[arg(long, value_parser = crate::usage::year)]
    pub year: Option<u16>,
    /// 视图 / view
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
    /// 视图 / view
    #[arg(long, value_enum)]
    pub view: Option<DiffView>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Subcommand, Debug)]
pub enum AddCommand {
    /// 添加活动 / append an [[activity]]
    Activity(AddActivity),
    /// 添加工作设想 / append a [[plan]]
    Plan(AddPlan),
    /// 添加指标 / append a [[metric]]
    Metric(AddMetric),
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

#[derive(Args, Debug)]
pub struct AddActivity {
    #[command(flatten)]
    pub target: AddTarget,
    /// 编号，界别内唯一 / id, unique within the sector
    #[arg(long)]
    pub id: Option<String>,
    /// 日期，例如 2021-03-02、2021-05、2021年上半年 / date of any precision
    #[arg(long, value_parser = crate::usage::date)]
    pub date: String,
    /// 结束日期 / end date (same forms)
    #[arg(long, value_parser = crate::usage::end_date)]
    pub end_date: Option<String>,
    /// 类别或别名，例如 调研、座谈会 / kind or alias
    #[arg(long)]
    pub kind: String,
    /// 活动名称 / title
    #[arg(long)]
    pub title: String,
    /// 内容摘要 / summary
    #[arg(long)]
    pub summary: Option<String>,
    /// 地点 / location
    #[arg(long)]
    pub location: Option<String>,
    /// 委员参与人次 / member participations
    #[arg(long, value_parser = crate::usage::count)]
    pub participants: Option<u64>,
    /// 合作界别（可重复）/ partner sector (repeatable)
    #[arg(long = "partner")]
    pub partners: Vec<String>,
    /// 会外合办单位（可重复）/ co-organiser (repeatable)
    #[arg(long = "organizer")]
    pub organizers: Vec<String>,
    /// 主题（可重复）/ topic (repeatable)
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// 成果（可重复）/ result (repeatable)
    #[arg(long = "outcome")]
    pub outcomes: Vec<String>,
    /// 落实的工作设想编号 / id of the plan carried out
    #[arg(long)]
    pub plan: Option<String>,
    /// 所属工作品牌 / brand
    #[arg(long)]
    pub brand: Option<String>,
    /// 年度亮点 / a highlight of the year
    #[arg(long)]
    pub highlight: bool,
}

#[derive(Args, Debug)]
pub struct AddPlan {
    #[command(flatten)]
    pub target: AddTarget,
    /// 编号，界别内唯一 / id, unique within the sector
    #[arg(long)]
    pub id: String,
    /// 设想针对的年度 / the year the plan is for
    #[arg(long, value_parser = crate::usage::year)]
    pub year: u16,
    /// 设想内容 / what is planned
    #[arg(long)]
    pub title: String,
    /// 类别或别名 / kind or alias
    #[arg(long)]
    pub kind: Option<String>,
    /// 说明 / detail
    #[arg(long)]
    pub detail: Option<String>,
    /// 主题（可重复）/ topic (repeatable)
    #[arg(long = "tag")]
    pub tags: Vec<String>,
}

#[derive(Args, Debug)]
pub struct AddMetric {
    #[command(flatten)]
    pub target_of: AddTarget,
    /// 年度 / year
    #[arg(long, value_parser = crate::usage::year)]
    pub year: u16,
    /// 指标名称 / metric name
    #[arg(long)]
    pub name: String,
    /// 数值（整数或小数，可为负）/ the value (integer or decimal, may be negative)
    #[arg(long, allow_hyphen_values = true, value_parser = number)]
    pub value: Field,
    /// 单位 / unit
    #[arg(long)]
    pub unit: Option<String>,
    /// 目标值 / the figure aimed at
    #[arg(long, value_parser = number)]
    pub target: Option<Field>,
    /// 说明，例如“60多个” / wording, e.g. “60多个”
    #[arg(long)]
    pub note: Option<String>,
}

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
