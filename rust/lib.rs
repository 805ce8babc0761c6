//! The Rust core of provenance. The algorithm modules know nothing of Python; `bindings` is the
//! one place that does.

pub mod align;
pub mod cases;
pub mod parallel;
pub mod seed;
pub mod text;
pub mod xxh3;

mod bindings;
pub mod boilerplate;
pub mod columnar;
pub mod corpus;
pub mod diff;
pub mod encoder;
pub mod index;
pub mod jsonl;
pub mod judge;
pub mod quotes;
pub mod report;
pub mod reuse;

#[cfg(test)]
mod fuzz_tests;
