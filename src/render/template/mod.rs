//! Documents from minijinja templates.

mod engine;

pub use engine::*;
