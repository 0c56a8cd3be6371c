//! `jiebie completions SHELL`: reads nothing; writes the shell's completion script to standard
//! output.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::error::Error;
use crate::write::output;

pub fn run(shell: Shell) -> Result<i32, Error> {
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "jiebie", &mut bytes);
    output::print(&bytes)?;
    Ok(0)
}
