//! `jiebie diff FROM TO`: reads the workspace; writes the comparison of two years to standard
//! output or `-o FILE`. Diagnostics go to standard error.

use std::io::Write;

use crate::cli::DiffArgs;
use crate::command::load::{Request, load_for_report};
use crate::command::output::OutputPlan;
use crate::command::{Context, EXIT_INVALID, exit_soon};
use crate::error::Error;
use crate::model::workspace::Workspace;
use crate::numbers::diff::Diff;
use crate::render::{self, Format};

pub fn run(cx: &Context, args: DiffArgs) -> Result<i32, Error> {
    if args.from == args.to {
        return Err(Error::SameYears { year: args.from });
    }
    let plan = OutputPlan::new(&args.output, &args.paths, args.view)?;
    let request = |workspace: &Workspace| {
        let only = workspace.select(&args.output.sectors)?;
        Ok(Request { only, years: vec![args.from, args.to] })
    };
    let Some((workspace, Request { only, .. })) =
        load_for_report(cx, &args.paths, args.output.strict, request)?
    else {
        return Ok(EXIT_INVALID);
    };
    let output = plan.decide(&workspace)?;
    // Memory freed from here on is given back at once: what the reading freed is not kept
    // beside the comparison of 100,000 sectors (SPEC §7; see `summarize`).
    crate::give_back();
    let diff = Diff::from_workspace(&workspace, args.from, args.to, &only);
    let options = output.options(cx, &workspace);
    // The comparison owns what it shows: the workspace is dropped before it is written (SPEC §7).
    let organization = workspace.organization.clone();
    drop(workspace);
    let organization = organization.as_deref();
    match &output.template {
        Some(template) => {
            let markdown = render::template::diff(&diff, organization, template, cx.lang)?;
            let bytes = render::templated(markdown, output.format, &options.word_style);
            output.write_bytes(cx, &bytes)?;
        }
        None if output.format == Format::Json => {
            // Written as it is serialised, never held whole.
            output.write(cx, &mut |out: &mut dyn Write| {
                render::diff_json(&diff, organization, output.view, cx.lang, out)
            })?;
        }
        None => {
            let mut write =
                render::diff(&diff, organization, output.format, output.view, &options)?;
            output.write(cx, &mut *write)?;
        }
    }
    exit_soon(diff);
    Ok(0)
}
