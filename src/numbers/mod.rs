//! The numbers: every figure of a year (`report`) and of two years compared (`diff`),
//! computed once for every output.

pub mod diff;
pub mod duties;
pub mod report;
