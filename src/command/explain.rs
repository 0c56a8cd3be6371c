//! `jiebie explain CODE`: reads nothing; writes the long explanation of a diagnostic code to
//! standard output.

use crate::command::Context;
use crate::error::Error;
use crate::write::output;

pub fn run(cx: &Context, code: String) -> Result<i32, Error> {
    let text = crate::explain::explain(code.trim(), cx.lang).ok_or(Error::UnknownCode { code })?;
    output::print(text.as_bytes())?;
    Ok(0)
}
