//! `jiebie diff FROM TO`: reads the workspace; writes the comparison of two years to standard
//! output or `-o FILE`. Diagnostics go to standard error.

use crate::cli::DiffArgs;
use crate::command::{
    Context, EXIT_INVALID, Request, early_format, exit_soon, load_for_report, render_options,
    resolve_format, user_template, value_name, write_output,
};
use crate::error::Error;
use crate::model::workspace::Workspace;
use crate::numbers::diff::Diff;
use crate::numbers::report::Report;
use crate::render::{self, DiffView, Format};

pub fn run(cx: &Context, args: DiffArgs) -> Result<i32, Error> {
    if args.from == args.to {
        return Err(Error::SameYears { year: args.from });
    }
    let format = early_format(&args.output)?;
    let view =
        args.view.unwrap_or(DiffView::default_for(*format.as_ref().unwrap_or(&Format::Table)));
    if matches!(format, Ok(Format::Csv)) && view == DiffView::Full {
        return Err(Error::FullCsv);
    }
    let template = user_template(&args.output, &format, view == DiffView::Full)?;
    let request = |workspace: &Workspace| {
        let only = workspace.select(&args.output.sectors)?;
        Ok(Request { only, years: vec![args.from, args.to] })
    };
    let Some((workspace, Request { only, .. })) =
        load_for_report(cx, &args.paths, args.output.strict, request)?
    else {
        return Ok(EXIT_INVALID);
    };
    let format = resolve_format(format, &args.output, &args.paths, &workspace)?;
    let (format_name, view_name) = (value_name(&format), value_name(&view));
    let named = (format_name.as_str(), view_name.as_str());
    let from = Report::from_workspace(&workspace, args.from, &only);
    let to = Report::from_workspace(&workspace, args.to, &only);
    let diff = Diff::from_reports(&from, &to);
    let mut options = render_options(cx, &args.output);
    options.document = render::docx::Style::from_config(&workspace.document);
    let organization = workspace.organization.as_deref();
    let bytes = match &template {
        Some(template) => {
            let markdown = render::template::diff(&diff, organization, template, cx.lang)?;
            render::templated(markdown, format, &options.document)
        }
        None => render::diff(&diff, organization, format, view, &options)?,
    };
    write_output(cx, &args.output, &args.paths, &workspace, named, &mut |out| {
        out.write_all(&bytes)
    })?;
    exit_soon((from, to, diff));
    exit_soon(workspace);
    Ok(0)
}
