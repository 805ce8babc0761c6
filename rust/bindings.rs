//! The Python module `provenance._core`: thin wrappers that copy inputs out of Python, run the
//! core with the GIL released, and hand plain values back.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use rayon::prelude::*;

use crate::align::{self, ParamError, Params};
use crate::seed;
use crate::text;

impl From<ParamError> for PyErr {
    fn from(err: ParamError) -> Self {
        PyValueError::new_err(err.0)
    }
}

/// A reused passage found by the core; spans are `(start, end)` code points into the texts.
#[pyclass(frozen, get_all, module = "provenance._core", name = "Passage")]
struct PyPassage {
    candidate: (usize, usize),
    source: (usize, usize),
    candidate_tokens: (usize, usize),
    source_tokens: (usize, usize),
    matched: usize,
    score: f64,
    verbatim: bool,
}

#[pymethods]
impl PyPassage {
    fn __repr__(&self) -> String {
        format!(
            "Passage(candidate={:?}, source={:?}, matched={}, score={:.3}, verbatim={})",
            self.candidate, self.source, self.matched, self.score, self.verbatim
        )
    }
}

impl From<align::Passage> for PyPassage {
    fn from(p: align::Passage) -> Self {
        Self {
            verbatim: p.is_verbatim(),
            candidate: p.candidate,
            source: p.source,
            candidate_tokens: p.candidate_tokens,
            source_tokens: p.source_tokens,
            matched: p.matched,
            score: p.score,
        }
    }
}

fn params(
    ngram: usize,
    max_gap: usize,
    min_matched: usize,
    max_postings: usize,
) -> PyResult<Params> {
    Ok(Params {
        ngram,
        max_gap,
        min_matched,
        max_postings,
    }
    .validate()?)
}

/// Words of `text` as `(start, end, normalised)`, offsets in code points.
#[pyfunction]
fn tokenize(py: Python<'_>, text: &str) -> Vec<(usize, usize, String)> {
    py.detach(|| {
        text::tokenize(text)
            .into_iter()
            .map(|t| (t.start, t.end, t.norm))
            .collect()
    })
}

/// The normalised words of `text` joined by single spaces.
#[pyfunction]
fn normalize(text: &str) -> String {
    text::normalize_text(text)
}

/// Token-position pairs `(candidate, source)` where the two texts share an `ngram`-word n-gram.
#[pyfunction]
#[pyo3(signature = (candidate, source, *, ngram = align::DEFAULT_NGRAM, max_postings = align::DEFAULT_MAX_POSTINGS))]
fn seeds(
    py: Python<'_>,
    candidate: &str,
    source: &str,
    ngram: usize,
    max_postings: usize,
) -> PyResult<Vec<(u32, u32)>> {
    params(ngram, 0, 0, max_postings)?;
    Ok(py.detach(|| {
        let grams = |t: &str| {
            let hashes: Vec<u64> = text::tokenize(t).iter().map(|t| t.hash).collect();
            seed::ngram_hashes(&hashes, ngram)
        };
        seed::seeds(&grams(candidate), &grams(source), max_postings)
            .into_iter()
            .map(|s| (s.candidate, s.source))
            .collect()
    }))
}

/// Reused passages between a candidate and a source, in candidate order.
#[pyfunction(name = "align")]
#[pyo3(signature = (candidate, source, *, ngram = align::DEFAULT_NGRAM, max_gap = align::DEFAULT_MAX_GAP,
                    min_matched = align::DEFAULT_MIN_MATCHED, max_postings = align::DEFAULT_MAX_POSTINGS))]
fn align_pair(
    py: Python<'_>,
    candidate: &str,
    source: &str,
    ngram: usize,
    max_gap: usize,
    min_matched: usize,
    max_postings: usize,
) -> PyResult<Vec<PyPassage>> {
    let p = params(ngram, max_gap, min_matched, max_postings)?;
    Ok(py.detach(|| {
        align::align(candidate, source, &p)
            .into_iter()
            .map(PyPassage::from)
            .collect()
    }))
}

/// `align` over many `(candidate, source)` pairs, in parallel. The texts are borrowed from the
/// Python strings, not copied.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)] // pyo3 hands extracted arguments over by value
#[pyo3(signature = (pairs, *, ngram = align::DEFAULT_NGRAM, max_gap = align::DEFAULT_MAX_GAP,
                    min_matched = align::DEFAULT_MIN_MATCHED, max_postings = align::DEFAULT_MAX_POSTINGS))]
fn align_many(
    py: Python<'_>,
    pairs: Vec<(PyBackedStr, PyBackedStr)>,
    ngram: usize,
    max_gap: usize,
    min_matched: usize,
    max_postings: usize,
) -> PyResult<Vec<Vec<PyPassage>>> {
    let p = params(ngram, max_gap, min_matched, max_postings)?;
    let found: Vec<Vec<align::Passage>> = py.detach(|| {
        pairs
            .par_iter()
            .map(|(c, s)| align::align(c, s, &p))
            .collect()
    });
    Ok(found
        .into_iter()
        .map(|ps| ps.into_iter().map(PyPassage::from).collect())
        .collect())
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "build_profile",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
    )?;
    m.add("DEFAULT_NGRAM", align::DEFAULT_NGRAM)?;
    m.add("DEFAULT_MAX_GAP", align::DEFAULT_MAX_GAP)?;
    m.add("DEFAULT_MIN_MATCHED", align::DEFAULT_MIN_MATCHED)?;
    m.add("DEFAULT_MAX_POSTINGS", align::DEFAULT_MAX_POSTINGS)?;
    m.add_class::<PyPassage>()?;
    m.add_function(wrap_pyfunction!(tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(seeds, m)?)?;
    m.add_function(wrap_pyfunction!(align_pair, m)?)?;
    m.add_function(wrap_pyfunction!(align_many, m)?)?;
    Ok(())
}
