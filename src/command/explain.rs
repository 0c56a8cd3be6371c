//! `jiebie explain [CODE]`: reads nothing; writes the long explanation of a diagnostic code
//! to standard output, or without a code the list of every code with its one-line title.

use crate::command::Context;
use crate::error::Error;
use crate::write::output;

pub fn run(cx: &Context, code: Option<String>) -> Result<i32, Error> {
    let Some(code) = code else {
        let head = cx.lang.pick(
            "诊断代码（运行 `jiebie explain 代码` 查看详细说明，例如 `jiebie explain E020`）：\n",
            "Diagnostic codes (run `jiebie explain CODE` for details, e.g. `jiebie explain E020`):\n",
        );
        let text = format!("{head}{}", crate::diagnostic::code::list(cx.lang));
        output::print(text.as_bytes())?;
        return Ok(0);
    };
    let text = crate::diagnostic::code::explain(code.trim(), cx.lang)
        .ok_or(Error::UnknownCode { code })?;
    output::print(text.as_bytes())?;
    Ok(0)
}
