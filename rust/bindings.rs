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
    add_corpus(m)?;
    m.add_class::<PyEncoder>()?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Corpus scale: fingerprints, the index, all-pairs reuse.

use crate::corpus;
use crate::index::{self, IndexError, IndexParams};

pyo3::create_exception!(
    _core,
    IndexFormatError,
    PyValueError,
    "A file that is not a provenance index, of another format version, truncated or corrupted."
);

impl From<IndexError> for PyErr {
    fn from(err: IndexError) -> Self {
        match err {
            IndexError::Params(m) => PyValueError::new_err(m),
            IndexError::Format(m) => IndexFormatError::new_err(m),
            IndexError::Io(e) => e.into(),
        }
    }
}

fn index_params(ngram: usize, window: usize, max_df: usize) -> PyResult<IndexParams> {
    Ok(IndexParams {
        ngram,
        window,
        max_df,
    }
    .validate()?)
}

/// Reuse between documents `a` and `b` (`a < b`; `a` is each passage's candidate side).
#[pyclass(frozen, get_all, module = "provenance._core", name = "ReusePair")]
struct PyReusePair {
    a: u32,
    b: u32,
    shared: u32,
    passages: Vec<Py<PyPassage>>,
}

#[pymethods]
impl PyReusePair {
    fn __repr__(&self) -> String {
        format!(
            "ReusePair(a={}, b={}, shared={}, passages={})",
            self.a,
            self.b,
            self.shared,
            self.passages.len()
        )
    }
}

/// A likely source of a query: document number, fingerprints shared, words aligned, passages.
#[pyclass(frozen, get_all, module = "provenance._core", name = "Hit")]
struct PyHit {
    doc: u32,
    shared: u32,
    matched: usize,
    passages: Vec<Py<PyPassage>>,
}

#[pymethods]
impl PyHit {
    fn __repr__(&self) -> String {
        format!(
            "Hit(doc={}, shared={}, matched={}, passages={})",
            self.doc,
            self.shared,
            self.matched,
            self.passages.len()
        )
    }
}

fn py_passages(py: Python<'_>, passages: Vec<align::Passage>) -> PyResult<Vec<Py<PyPassage>>> {
    passages
        .into_iter()
        .map(|p| Py::new(py, PyPassage::from(p)))
        .collect()
}

fn py_pairs(py: Python<'_>, found: corpus::AllPairs) -> PyResult<(Vec<PyReusePair>, usize, usize)> {
    let pairs = found
        .pairs
        .into_iter()
        .map(|p| {
            Ok(PyReusePair {
                a: p.a,
                b: p.b,
                shared: p.shared,
                passages: py_passages(py, p.passages)?,
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok((pairs, found.postings, found.candidate_pairs))
}

/// Winnowed fingerprints of `text`: `(hash, token position)`.
#[pyfunction]
#[pyo3(signature = (text, *, ngram = index::DEFAULT_INDEX_NGRAM, window = index::DEFAULT_WINDOW))]
fn fingerprints(
    py: Python<'_>,
    text: &str,
    ngram: usize,
    window: usize,
) -> PyResult<Vec<(u64, u32)>> {
    index_params(ngram, window, index::DEFAULT_MAX_DF)?;
    Ok(py.detach(|| index::fingerprints(&index::token_hashes(text), ngram, window)))
}

/// `fingerprints` of many texts in parallel.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
#[pyo3(signature = (texts, *, ngram = index::DEFAULT_INDEX_NGRAM, window = index::DEFAULT_WINDOW))]
fn fingerprint_many(
    py: Python<'_>,
    texts: Vec<PyBackedStr>,
    ngram: usize,
    window: usize,
) -> PyResult<Vec<Vec<(u64, u32)>>> {
    index_params(ngram, window, index::DEFAULT_MAX_DF)?;
    Ok(py.detach(|| {
        texts
            .par_iter()
            .map(|t| index::fingerprints(&index::token_hashes(t), ngram, window))
            .collect()
    }))
}

/// Every pair of `texts` that reuses text: `(pairs, postings, candidate_pairs)`, documents
/// numbered by position in `texts`.
#[pyfunction]
#[allow(clippy::needless_pass_by_value, clippy::too_many_arguments)]
#[pyo3(signature = (texts, *, ngram = index::DEFAULT_INDEX_NGRAM, window = index::DEFAULT_WINDOW,
                    max_df = index::DEFAULT_MAX_DF, min_shared = 2, align_ngram = align::DEFAULT_NGRAM,
                    max_gap = align::DEFAULT_MAX_GAP, min_matched = align::DEFAULT_MIN_MATCHED,
                    max_postings = align::DEFAULT_MAX_POSTINGS))]
fn all_pairs(
    py: Python<'_>,
    texts: Vec<PyBackedStr>,
    ngram: usize,
    window: usize,
    max_df: usize,
    min_shared: usize,
    align_ngram: usize,
    max_gap: usize,
    min_matched: usize,
    max_postings: usize,
) -> PyResult<(Vec<PyReusePair>, usize, usize)> {
    let ip = index_params(ngram, window, max_df)?;
    let p = params(align_ngram, max_gap, min_matched, max_postings)?;
    let found = py.detach(|| corpus::all_pairs(&texts, &ip, min_shared.max(1), &p));
    py_pairs(py, found)
}

/// A fingerprint index over a collection, saved to and loaded from one file.
#[pyclass(module = "provenance._core", name = "Index")]
struct PyIndex {
    inner: index::Index,
}

#[pymethods]
impl PyIndex {
    #[new]
    #[pyo3(signature = (*, ngram = index::DEFAULT_INDEX_NGRAM, window = index::DEFAULT_WINDOW, max_df = index::DEFAULT_MAX_DF))]
    fn new(ngram: usize, window: usize, max_df: usize) -> PyResult<Self> {
        Ok(Self {
            inner: index::Index::new(index_params(ngram, window, max_df)?)?,
        })
    }

    #[staticmethod]
    #[allow(clippy::needless_pass_by_value)] // pyo3 hands extracted arguments over by value
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        Ok(Self {
            inner: py.detach(|| index::Index::load(&path))?,
        })
    }

    #[allow(clippy::needless_pass_by_value)]
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        Ok(py.detach(|| self.inner.save(&path))?)
    }

    /// Adds `(id, text, meta)` records; `meta` is an opaque string (JSON by convention).
    #[allow(clippy::needless_pass_by_value)]
    fn add(
        &mut self,
        py: Python<'_>,
        records: Vec<(PyBackedStr, PyBackedStr, PyBackedStr)>,
    ) -> PyResult<()> {
        let inner = &mut self.inner;
        Ok(py.detach(|| inner.add(&records))?)
    }

    fn __len__(&self) -> usize {
        self.inner.docs.len()
    }

    #[getter]
    fn ngram(&self) -> usize {
        self.inner.params.ngram
    }
    #[getter]
    fn window(&self) -> usize {
        self.inner.params.window
    }
    #[getter]
    fn max_df(&self) -> usize {
        self.inner.params.max_df
    }
    #[getter]
    fn postings(&self) -> usize {
        self.inner.postings.len()
    }
    #[getter]
    fn memory_bytes(&self) -> usize {
        self.inner.memory_bytes()
    }

    /// `(id, meta)` of document `doc`.
    fn doc(&self, doc: usize) -> PyResult<(String, String)> {
        let d = self
            .inner
            .docs
            .get(doc)
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("no such document"))?;
        Ok((d.id.clone(), d.meta.clone()))
    }

    fn ids(&self) -> Vec<String> {
        self.inner.docs.iter().map(|d| d.id.clone()).collect()
    }

    fn text(&self, py: Python<'_>, doc: usize) -> PyResult<String> {
        if doc >= self.inner.docs.len() {
            return Err(pyo3::exceptions::PyIndexError::new_err("no such document"));
        }
        Ok(py.detach(|| self.inner.text(doc))?)
    }

    /// The `k` likeliest sources of `text`, best first.
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (text, *, k = 10, candidates = 50, align_ngram = align::DEFAULT_NGRAM,
                        max_gap = align::DEFAULT_MAX_GAP, min_matched = align::DEFAULT_MIN_MATCHED,
                        max_postings = align::DEFAULT_MAX_POSTINGS))]
    fn search(
        &self,
        py: Python<'_>,
        text: &str,
        k: usize,
        candidates: usize,
        align_ngram: usize,
        max_gap: usize,
        min_matched: usize,
        max_postings: usize,
    ) -> PyResult<Vec<PyHit>> {
        let p = params(align_ngram, max_gap, min_matched, max_postings)?;
        let hits = py.detach(|| corpus::search(&self.inner, text, k, candidates, &p))?;
        hits.into_iter()
            .map(|h| {
                Ok(PyHit {
                    doc: h.doc,
                    shared: h.shared,
                    matched: h.matched,
                    passages: py_passages(py, h.passages)?,
                })
            })
            .collect()
    }

    /// Every pair of the index's documents that reuses text: `(pairs, postings, candidate_pairs)`.
    #[pyo3(signature = (*, min_shared = 2, align_ngram = align::DEFAULT_NGRAM, max_gap = align::DEFAULT_MAX_GAP,
                        min_matched = align::DEFAULT_MIN_MATCHED, max_postings = align::DEFAULT_MAX_POSTINGS))]
    fn all_pairs(
        &self,
        py: Python<'_>,
        min_shared: usize,
        align_ngram: usize,
        max_gap: usize,
        min_matched: usize,
        max_postings: usize,
    ) -> PyResult<(Vec<PyReusePair>, usize, usize)> {
        let p = params(align_ngram, max_gap, min_matched, max_postings)?;
        let found = py.detach(|| corpus::index_all_pairs(&self.inner, min_shared.max(1), &p))?;
        py_pairs(py, found)
    }
}

/// Registers the corpus-scale part of the module (called from `_core`).
fn add_corpus(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("DEFAULT_INDEX_NGRAM", index::DEFAULT_INDEX_NGRAM)?;
    m.add("DEFAULT_WINDOW", index::DEFAULT_WINDOW)?;
    m.add("DEFAULT_MAX_DF", index::DEFAULT_MAX_DF)?;
    m.add("INDEX_FORMAT_VERSION", index::FORMAT_VERSION)?;
    m.add("IndexFormatError", m.py().get_type::<IndexFormatError>())?;
    m.add_class::<PyReusePair>()?;
    m.add_class::<PyHit>()?;
    m.add_class::<PyIndex>()?;
    m.add_function(wrap_pyfunction!(fingerprints, m)?)?;
    m.add_function(wrap_pyfunction!(fingerprint_many, m)?)?;
    m.add_function(wrap_pyfunction!(all_pairs, m)?)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The sentence encoder's forward pass (tokenisation stays in Python).

use crate::encoder::{self, EncoderError};

impl From<EncoderError> for PyErr {
    fn from(err: EncoderError) -> Self {
        match err {
            EncoderError::Io(e) => e.into(),
            EncoderError::Model(m) | EncoderError::Input(m) => PyValueError::new_err(m),
        }
    }
}

/// A BERT sentence encoder loaded from a sentence-transformers model directory.
#[pyclass(frozen, module = "provenance._core", name = "Encoder")]
struct PyEncoder {
    inner: encoder::Encoder,
}

#[pymethods]
impl PyEncoder {
    #[new]
    #[allow(clippy::needless_pass_by_value)] // pyo3 hands extracted arguments over by value
    fn new(py: Python<'_>, directory: std::path::PathBuf) -> PyResult<Self> {
        Ok(Self {
            inner: py.detach(|| encoder::Encoder::load(&directory))?,
        })
    }

    #[getter]
    fn dimension(&self) -> usize {
        self.inner.hidden_size()
    }

    /// Unit vectors of a padded batch (`ids` and `mask` rows of equal width, mask 1 for a real
    /// token, 0 for padding) as little-endian f32, `dimension` values per sentence.
    #[allow(clippy::needless_pass_by_value)]
    fn encode<'py>(
        &self,
        py: Python<'py>,
        ids: Vec<Vec<u32>>,
        mask: Vec<Vec<u8>>,
    ) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        let width = ids.first().map_or(0, Vec::len);
        if width == 0 && !ids.is_empty() {
            return Err(PyValueError::new_err("a sentence needs at least one token"));
        }
        if ids.len() != mask.len()
            || ids
                .iter()
                .map(Vec::len)
                .chain(mask.iter().map(Vec::len))
                .any(|len| len != width)
        {
            return Err(PyValueError::new_err(
                "ids and mask must be lists of equally long rows, one row per sentence",
            ));
        }
        let flat_ids: Vec<u32> = ids.concat();
        let flat_mask: Vec<bool> = mask.iter().flatten().map(|&m| m != 0).collect();
        let vectors = py.detach(|| self.inner.encode(&flat_ids, &flat_mask, width))?;
        let bytes: Vec<u8> = vectors.iter().flat_map(|v| v.to_le_bytes()).collect();
        Ok(pyo3::types::PyBytes::new(py, &bytes))
    }
}
