//! The views of the yearly report and of the comparison (`--view`), and the `Grid` of each:
//! the one table that the terminal, CSV, Markdown and the workbook all show.

use crate::lang::Lang;
use crate::numbers::diff::Diff;
use crate::numbers::report::Report;
use crate::render::grid::Grid;
use crate::render::labels as l;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryView {
    /// 每个界别一行：活动数、参与人次、跨界别活动……及合计（csv 的默认视图）/ one row per sector: the counts, and a total (CSV's default)
    Overview,
    /// 本年每项活动一行 / one row per activity of the year
    Activities,
    /// 各界别各类别的活动数 / activities per sector and kind
    Kinds,
    /// 各界别各月的活动数，附柱状图 / activities per sector and month, with a bar chart
    Months,
    /// 下一年的工作设想 / the plans for the next year
    Plans,
    /// 本年的指标及完成率 / the metrics of the year, with completion
    Metrics,
    /// 有委员名册时，每位委员一行：参加活动、提案、社情民意、采用、批示及得分 / one row per member of a roster: attendances, proposals, opinion reports, adoptions, score
    Members,
    /// 以上全部视图（members 除外）及各界别的工作概要（table、markdown、json 的默认视图）/ every view above and each sector's review (the default of table, markdown, json)
    Full,
}

impl SummaryView {
    /// The views that `full` is made of, in order.
    pub const PARTS: [SummaryView; 6] = [
        SummaryView::Overview,
        SummaryView::Activities,
        SummaryView::Kinds,
        SummaryView::Months,
        SummaryView::Plans,
        SummaryView::Metrics,
    ];

    /// The view's name on the command line, in JSON and in the labels' keys.
    pub fn name(self) -> &'static str {
        match self {
            SummaryView::Overview => "overview",
            SummaryView::Activities => "activities",
            SummaryView::Kinds => "kinds",
            SummaryView::Months => "months",
            SummaryView::Plans => "plans",
            SummaryView::Metrics => "metrics",
            SummaryView::Members => "members",
            SummaryView::Full => "full",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffView {
    /// 各界别两年的活动数、参与人次和设想落实率（csv 的默认视图）/ per sector: activities, participants, follow-through (CSV's default)
    Sectors,
    /// 各类别两年的活动数 / activities per kind in both years
    Kinds,
    /// 两年的指标及变化 / the metrics of both years and their change
    Metrics,
    /// 对比年度的工作设想是否已落实 / whether each plan for the later year was carried out
    Plans,
    /// 各工作品牌两年是否举办 / whether each brand was held in each year
    Brands,
    /// 以上全部视图（table、markdown、json 的默认视图）/ every view above (the default of table, markdown, json)
    Full,
}

impl DiffView {
    /// The views that `full` is made of, in order.
    pub const PARTS: [DiffView; 5] =
        [DiffView::Sectors, DiffView::Kinds, DiffView::Metrics, DiffView::Plans, DiffView::Brands];

    /// The view's name on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            DiffView::Sectors => "sectors",
            DiffView::Kinds => "kinds",
            DiffView::Metrics => "metrics",
            DiffView::Plans => "plans",
            DiffView::Brands => "brands",
            DiffView::Full => "full",
        }
    }

    /// The key of the view's heading and sheet name (the summary has views of the same names).
    pub fn sheet_key(self) -> &'static str {
        match self {
            DiffView::Kinds => "diff-kinds",
            DiffView::Metrics => "diff-metrics",
            DiffView::Plans => "diff-plans",
            other => other.name(),
        }
    }

    /// The view's heading in the terminal and in Markdown.
    pub fn heading(self, lang: Lang) -> &'static str {
        l::heading(lang, self.sheet_key())
    }

    /// The view itself, or the views `full` is made of.
    pub fn parts(self) -> Vec<DiffView> {
        if self == DiffView::Full { DiffView::PARTS.to_vec() } else { vec![self] }
    }
}

/// The grid of a view; `details` adds the columns that only CSV and the workbook show.
pub fn summary_grid<'a>(
    report: &'a Report,
    view: SummaryView,
    lang: Lang,
    details: bool,
) -> Grid<'a> {
    match view {
        SummaryView::Overview | SummaryView::Full => Grid::overview(report, lang),
        SummaryView::Activities => Grid::activities(&report.sectors, lang, details),
        SummaryView::Kinds => Grid::kinds(report, lang),
        SummaryView::Months => Grid::months(report, lang),
        SummaryView::Plans => Grid::plans(&report.sectors, lang),
        SummaryView::Metrics => Grid::metrics(&report.sectors, lang),
        SummaryView::Members => Grid::members(report, lang),
    }
}

/// The grid of a view of the comparison.
pub fn diff_grid<'a>(diff: &'a Diff, view: DiffView, lang: Lang) -> Grid<'a> {
    match view {
        DiffView::Sectors | DiffView::Full => Grid::diff_sectors(diff, lang),
        DiffView::Kinds => Grid::diff_kinds(diff, lang),
        DiffView::Metrics => Grid::diff_metrics(diff, lang),
        DiffView::Plans => Grid::diff_plans(diff, lang),
        DiffView::Brands => Grid::diff_brands(diff, lang),
    }
}
