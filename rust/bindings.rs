//! The Python module `provenance._core`: thin wrappers that copy inputs out of Python, run the
//! core on its own thread pool with the GIL released, and hand plain values back.

use std::convert::Infallible;
use std::ops::RangeInclusive;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyTuple, PyType};
use rayon::prelude::*;

use crate::align::{self, ParamError, Params};
use crate::cases;
use crate::diff;
use crate::parallel;
use crate::seed;
use crate::text;

impl From<ParamError> for PyErr {
    fn from(err: ParamError) -> Self {
        PyValueError::new_err(err.0)
    }
}

/// Releases the GIL and runs `work` on the core's thread pool, where every parallel loop of the
/// core must run (rayon's global pool does not survive a fork); errors become Python exceptions.
fn run<T, E>(py: Python<'_>, work: impl FnOnce() -> Result<T, E> + Send) -> PyResult<T>
where
    T: Send,
    E: Into<PyErr> + Send,
{
    py.detach(|| {
        let pool = parallel::pool().map_err(|e| {
            PyRuntimeError::new_err(format!("cannot start the core's threads: {e}"))
        })?;
        pool.install(work).map_err(Into::into)
    })
}

/// A Python integer for a setting that must lie in `range`. Python integers are unbounded, so
/// the argument is taken wide: a negative or huge value gets the same message as any other.
fn in_range(name: &str, value: i128, range: &RangeInclusive<usize>) -> PyResult<usize> {
    usize::try_from(value)
        .ok()
        .filter(|v| range.contains(v))
        .ok_or_else(|| PyValueError::new_err(align::range_error(name, range, value)))
}

/// `n` as the wide integer type settings are taken in (a `usize` always fits an `i128`).
const fn wide(n: usize) -> i128 {
    n as i128
}

/// Threads the core's parallel calls use: `PROVENANCE_NUM_THREADS`, else `RAYON_NUM_THREADS`,
/// else the number of CPUs.
#[pyfunction]
fn num_threads() -> PyResult<usize> {
    parallel::pool()
        .map(rayon::ThreadPool::current_num_threads)
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start the core's threads: {e}")))
}

/// Registered with `os.register_at_fork`: the parent's pool has no threads in the child, so the
/// child's next parallel call builds a pool of its own instead of waiting on it forever.
#[pyfunction]
fn after_fork_in_child() {
    parallel::forget_pool_after_fork();
}

/// What `__reduce__` returns: the class, and the arguments its constructor takes.
type Reduced<'py, Args> = (Bound<'py, PyType>, Args);

/// Settings of the passage aligner, checked when made; the defaults are the measured ones.
#[pyclass(frozen, eq, hash, module = "provenance._core", name = "AlignParams")]
#[derive(PartialEq, Eq, Hash)]
struct PyAlignParams(Params);

#[pymethods]
impl PyAlignParams {
    #[new]
    #[pyo3(signature = (*, ngram = wide(align::DEFAULT_NGRAM), max_gap = wide(align::DEFAULT_MAX_GAP),
                        min_matched = wide(align::DEFAULT_MIN_MATCHED), max_postings = wide(align::DEFAULT_MAX_POSTINGS),
                        merge_gap = wide(align::DEFAULT_MERGE_GAP)))]
    fn new(
        ngram: i128,
        max_gap: i128,
        min_matched: i128,
        max_postings: i128,
        merge_gap: i128,
    ) -> PyResult<Self> {
        let params = Params {
            ngram: in_range("ngram", ngram, &align::NGRAM_RANGE)?,
            max_gap: in_range("max_gap", max_gap, &align::MAX_GAP_RANGE)?,
            min_matched: in_range("min_matched", min_matched, &align::MIN_MATCHED_RANGE)?,
            max_postings: in_range("max_postings", max_postings, &align::MAX_POSTINGS_RANGE)?,
            merge_gap: in_range("merge_gap", merge_gap, &align::MERGE_GAP_RANGE)?,
        };
        Ok(Self(params.validate()?))
    }

    #[getter]
    fn ngram(&self) -> usize {
        self.0.ngram
    }
    #[getter]
    fn max_gap(&self) -> usize {
        self.0.max_gap
    }
    #[getter]
    fn min_matched(&self) -> usize {
        self.0.min_matched
    }
    #[getter]
    fn max_postings(&self) -> usize {
        self.0.max_postings
    }
    #[getter]
    fn merge_gap(&self) -> usize {
        self.0.merge_gap
    }

    fn __repr__(&self) -> String {
        let p = self.0;
        format!(
            "AlignParams(ngram={}, max_gap={}, min_matched={}, max_postings={}, merge_gap={})",
            p.ngram, p.max_gap, p.min_matched, p.max_postings, p.merge_gap
        )
    }

    /// The constructor takes keywords only, so pickle rebuilds it the way it rebuilds any such
    /// object: `copyreg.__newobj_ex__(AlignParams, (), keywords)`.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let p = slf.get().0;
        let keywords = PyDict::new(py);
        keywords.set_item("ngram", p.ngram)?;
        keywords.set_item("max_gap", p.max_gap)?;
        keywords.set_item("min_matched", p.min_matched)?;
        keywords.set_item("max_postings", p.max_postings)?;
        keywords.set_item("merge_gap", p.merge_gap)?;
        let rebuild = py.import("copyreg")?.getattr("__newobj_ex__")?;
        let arguments = PyTuple::new(
            py,
            [
                slf.get_type().into_any(),
                PyTuple::empty(py).into_any(),
                keywords.into_any(),
            ],
        )?;
        Ok((rebuild, arguments))
    }
}

/// The settings a binding was given, or the defaults.
fn or_default(params: Option<PyRef<'_, PyAlignParams>>) -> Params {
    params.map_or_else(Params::default, |p| p.0)
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

type PassageFields = (
    (usize, usize),
    (usize, usize),
    (usize, usize),
    (usize, usize),
    usize,
    f64,
    bool,
);

#[pymethods]
impl PyPassage {
    #[new]
    fn new(
        candidate: (usize, usize),
        source: (usize, usize),
        candidate_tokens: (usize, usize),
        source_tokens: (usize, usize),
        matched: usize,
        score: f64,
        verbatim: bool,
    ) -> Self {
        Self {
            candidate,
            source,
            candidate_tokens,
            source_tokens,
            matched,
            score,
            verbatim,
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "Passage(candidate={:?}, source={:?}, matched={}, score={:.3}, verbatim={})",
            self.candidate, self.source, self.matched, self.score, self.verbatim
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> Reduced<'py, PassageFields> {
        let p = slf.get();
        (
            slf.get_type(),
            (
                p.candidate,
                p.source,
                p.candidate_tokens,
                p.source_tokens,
                p.matched,
                p.score,
                p.verbatim,
            ),
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

/// Edits a word diff may need before it is cut in halves: its backtrack keeps O(limit²) numbers.
const MAX_DIFF_LIMIT: usize = 1024;

/// The shortest edit script from the words `a` to the words `b` as `(op, i, j)` moves: "=" `a[i]`
/// kept as `b[j]`, "-" `a[i]` dropped, "+" `b[j]` added; past `limit` edits the middle is diffed
/// in halves (`diff::moves`).
#[pyfunction]
#[pyo3(signature = (a, b, limit = 256))]
#[allow(clippy::needless_pass_by_value)] // pyo3 hands extracted arguments over by value
fn word_moves(
    py: Python<'_>,
    a: Vec<String>,
    b: Vec<String>,
    limit: usize,
) -> PyResult<Vec<(&'static str, usize, usize)>> {
    // Below 2 a one-word change could be cut in halves for ever.
    if !(2..=MAX_DIFF_LIMIT).contains(&limit) {
        return Err(PyValueError::new_err(format!(
            "limit must be between 2 and {MAX_DIFF_LIMIT}, got {limit}"
        )));
    }
    Ok(py.detach(|| {
        diff::moves(&a, &b, limit)
            .into_iter()
            .map(|m| match m {
                diff::Move::Equal(i, j) => ("=", i, j),
                diff::Move::Delete(i, j) => ("-", i, j),
                diff::Move::Insert(i, j) => ("+", i, j),
            })
            .collect()
    }))
}

/// Token-position pairs `(candidate, source)` where the two texts share an n-gram of
/// `params.ngram` words (n-grams above `params.max_postings` occurrences in the source excluded).
#[pyfunction]
#[pyo3(signature = (candidate, source, *, params = None))]
fn seeds(
    py: Python<'_>,
    candidate: &str,
    source: &str,
    params: Option<PyRef<'_, PyAlignParams>>,
) -> PyResult<Vec<(u32, u32)>> {
    let p = or_default(params);
    run(py, || {
        let grams = |t: &str| seed::ngram_hashes(&text::token_hashes(t), p.ngram);
        Ok::<_, Infallible>(
            seed::seeds(&grams(candidate), &grams(source), p.max_postings)
                .into_iter()
                .map(|s| (s.candidate, s.source))
                .collect(),
        )
    })
}

/// Reused passages between a candidate and a source, in candidate order.
#[pyfunction(name = "align")]
#[pyo3(signature = (candidate, source, *, params = None))]
fn align_pair(
    py: Python<'_>,
    candidate: &str,
    source: &str,
    params: Option<PyRef<'_, PyAlignParams>>,
) -> PyResult<Vec<PyPassage>> {
    let p = or_default(params);
    run(py, || {
        Ok::<_, Infallible>(
            align::align(candidate, source, &p)
                .into_iter()
                .map(PyPassage::from)
                .collect(),
        )
    })
}

/// `align` over many `(candidate, source)` pairs, in parallel. The texts are borrowed from the
/// Python strings, not copied.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)] // pyo3 hands extracted arguments over by value
#[pyo3(signature = (pairs, *, params = None))]
fn align_many(
    py: Python<'_>,
    pairs: Vec<(PyBackedStr, PyBackedStr)>,
    params: Option<PyRef<'_, PyAlignParams>>,
) -> PyResult<Vec<Vec<PyPassage>>> {
    let p = or_default(params);
    let found: Vec<Vec<align::Passage>> = run(py, || {
        Ok::<_, Infallible>(
            pairs
                .par_iter()
                .map(|(c, s)| align::align(c, s, &p))
                .collect(),
        )
    })?;
    Ok(found
        .into_iter()
        .map(|ps| ps.into_iter().map(PyPassage::from).collect())
        .collect())
}

/// A reuse case as the bindings return it: candidate span, source span, the indices of the word
/// passages it holds, the similarity of its sentence stretches, and whether it is a summary.
type CaseFields = ((usize, usize), (usize, usize), Vec<usize>, f64, bool);

/// The defaults of `reuse_cases`, by keyword.
fn case_defaults(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let p = cases::DEFAULT_CASE_PARAMS;
    let defaults = PyDict::new(py);
    defaults.set_item("min_cosine", p.min_cosine)?;
    defaults.set_item("min_dice", p.min_dice)?;
    defaults.set_item("max_gap", p.max_gap)?;
    defaults.set_item("summary_gap", p.summary_gap)?;
    defaults.set_item("summary_min_cosine", p.summary_min_cosine)?;
    defaults.set_item("summary_min_dice", p.summary_min_dice)?;
    defaults.set_item("summary_whole", p.summary_whole)?;
    defaults.set_item("min_similarity", p.min_similarity)?;
    defaults.set_item("neighbour_min_cosine", p.neighbour_min_cosine)?;
    defaults.set_item("summary_ratio", p.summary_ratio)?;
    defaults.set_item("min_chars", p.min_chars)?;
    defaults.set_item("copy_score", p.copy_score)?;
    defaults.set_item("copy_cover", p.copy_cover)?;
    Ok(defaults)
}

/// Reuse cases from sentence seeds and word passages (`cases::reuse_cases`). A sentence is
/// `(start, end, term ids)`; `passages` are the word passages of `align` on the same texts.
#[pyfunction]
#[allow(clippy::needless_pass_by_value, clippy::too_many_arguments)] // pyo3 hands arguments over by value
#[pyo3(signature = (
    candidate, source, passages, *,
    min_cosine = cases::DEFAULT_CASE_PARAMS.min_cosine,
    min_dice = cases::DEFAULT_CASE_PARAMS.min_dice,
    max_gap = wide(cases::DEFAULT_CASE_PARAMS.max_gap),
    summary_gap = wide(cases::DEFAULT_CASE_PARAMS.summary_gap),
    summary_min_cosine = cases::DEFAULT_CASE_PARAMS.summary_min_cosine,
    summary_min_dice = cases::DEFAULT_CASE_PARAMS.summary_min_dice,
    summary_whole = cases::DEFAULT_CASE_PARAMS.summary_whole,
    min_similarity = cases::DEFAULT_CASE_PARAMS.min_similarity,
    neighbour_min_cosine = cases::DEFAULT_CASE_PARAMS.neighbour_min_cosine,
    summary_ratio = cases::DEFAULT_CASE_PARAMS.summary_ratio,
    min_chars = wide(cases::DEFAULT_CASE_PARAMS.min_chars),
    copy_score = cases::DEFAULT_CASE_PARAMS.copy_score,
    copy_cover = cases::DEFAULT_CASE_PARAMS.copy_cover,
))]
fn reuse_cases(
    py: Python<'_>,
    candidate: Vec<(usize, usize, Vec<u32>)>,
    source: Vec<(usize, usize, Vec<u32>)>,
    passages: Vec<PyRef<'_, PyPassage>>,
    min_cosine: f64,
    min_dice: f64,
    max_gap: i128,
    summary_gap: i128,
    summary_min_cosine: f64,
    summary_min_dice: f64,
    summary_whole: f64,
    min_similarity: f64,
    neighbour_min_cosine: f64,
    summary_ratio: f64,
    min_chars: i128,
    copy_score: f64,
    copy_cover: f64,
) -> PyResult<Vec<CaseFields>> {
    let params = cases::CaseParams {
        min_cosine,
        min_dice,
        max_gap: in_range("max_gap", max_gap, &align::MAX_GAP_RANGE)?,
        summary_gap: in_range("summary_gap", summary_gap, &align::MAX_GAP_RANGE)?,
        summary_min_cosine,
        summary_min_dice,
        summary_whole,
        min_similarity,
        neighbour_min_cosine,
        summary_ratio,
        min_chars: in_range("min_chars", min_chars, &(0..=usize::MAX))?,
        copy_score,
        copy_cover,
    }
    .validate()?;
    let units = |sentences: Vec<(usize, usize, Vec<u32>)>| -> Vec<cases::Unit> {
        sentences
            .into_iter()
            .map(|(start, end, terms)| cases::Unit { start, end, terms })
            .collect()
    };
    let (candidate, source) = (units(candidate), units(source));
    let passages: Vec<cases::WordPassage> = passages
        .iter()
        .map(|p| cases::WordPassage {
            candidate: p.candidate,
            source: p.source,
            score: p.score,
        })
        .collect();
    run(py, || {
        Ok::<_, Infallible>(
            cases::reuse_cases(&candidate, &source, &passages, &params)
                .into_iter()
                .map(|c| (c.candidate, c.source, c.passages, c.similarity, c.summary))
                .collect(),
        )
    })
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
    m.add("DEFAULT_MERGE_GAP", align::DEFAULT_MERGE_GAP)?;
    m.add_class::<PyAlignParams>()?;
    m.add_class::<PyPassage>()?;
    m.add_function(wrap_pyfunction!(num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(tokenize, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(word_moves, m)?)?;
    m.add_function(wrap_pyfunction!(seeds, m)?)?;
    m.add_function(wrap_pyfunction!(align_pair, m)?)?;
    m.add_function(wrap_pyfunction!(align_many, m)?)?;
    m.add_function(wrap_pyfunction!(reuse_cases, m)?)?;
    m.add("CASE_DEFAULTS", case_defaults(m.py())?)?;
    add_corpus(m)?;
    add_columnar(m)?;
    m.add_class::<PyEncoder>()?;
    let keywords = PyDict::new(m.py());
    keywords.set_item("after_in_child", wrap_pyfunction!(after_fork_in_child, m)?)?;
    m.py()
        .import("os")?
        .call_method("register_at_fork", (), Some(&keywords))?;
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

fn index_params(ngram: i128, window: i128, max_df: i128) -> PyResult<IndexParams> {
    let params = IndexParams {
        ngram: in_range("ngram", ngram, &index::INDEX_NGRAM_RANGE)?,
        window: in_range("window", window, &index::WINDOW_RANGE)?,
        max_df: in_range("max_df", max_df, &index::MAX_DF_RANGE)?,
    };
    Ok(params.validate()?)
}

/// Shared fingerprints are counted in `u32`.
const MIN_SHARED_RANGE: RangeInclusive<usize> = 1..=u32::MAX as usize;

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
    #[new]
    fn new(a: u32, b: u32, shared: u32, passages: Vec<Py<PyPassage>>) -> Self {
        Self {
            a,
            b,
            shared,
            passages,
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "ReusePair(a={}, b={}, shared={}, passages={})",
            self.a,
            self.b,
            self.shared,
            self.passages.len()
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> Reduced<'py, (u32, u32, u32, Vec<Py<PyPassage>>)> {
        let p = slf.get();
        let passages = p.passages.iter().map(|x| x.clone_ref(slf.py())).collect();
        (slf.get_type(), (p.a, p.b, p.shared, passages))
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
    #[new]
    fn new(doc: u32, shared: u32, matched: usize, passages: Vec<Py<PyPassage>>) -> Self {
        Self {
            doc,
            shared,
            matched,
            passages,
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "Hit(doc={}, shared={}, matched={}, passages={})",
            self.doc,
            self.shared,
            self.matched,
            self.passages.len()
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> Reduced<'py, (u32, u32, usize, Vec<Py<PyPassage>>)> {
        let h = slf.get();
        let passages = h.passages.iter().map(|x| x.clone_ref(slf.py())).collect();
        (slf.get_type(), (h.doc, h.shared, h.matched, passages))
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
#[pyo3(signature = (text, *, ngram = wide(index::DEFAULT_INDEX_NGRAM), window = wide(index::DEFAULT_WINDOW)))]
fn fingerprints(
    py: Python<'_>,
    text: &str,
    ngram: i128,
    window: i128,
) -> PyResult<Vec<(u64, u32)>> {
    let p = index_params(ngram, window, wide(index::DEFAULT_MAX_DF))?;
    py.detach(|| {
        Ok(index::fingerprints(
            &text::token_hashes(text),
            p.ngram,
            p.window,
        ))
    })
}

/// `fingerprints` of many texts in parallel.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
#[pyo3(signature = (texts, *, ngram = wide(index::DEFAULT_INDEX_NGRAM), window = wide(index::DEFAULT_WINDOW)))]
fn fingerprint_many(
    py: Python<'_>,
    texts: Vec<PyBackedStr>,
    ngram: i128,
    window: i128,
) -> PyResult<Vec<Vec<(u64, u32)>>> {
    let p = index_params(ngram, window, wide(index::DEFAULT_MAX_DF))?;
    run(py, || {
        Ok::<_, Infallible>(
            texts
                .par_iter()
                .map(|t| index::fingerprints(&text::token_hashes(t), p.ngram, p.window))
                .collect(),
        )
    })
}

/// Every pair of `texts` that reuses text: `(pairs, postings, candidate_pairs)`, documents
/// numbered by position in `texts`.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
#[pyo3(signature = (texts, *, ngram = wide(index::DEFAULT_INDEX_NGRAM), window = wide(index::DEFAULT_WINDOW),
                    max_df = wide(index::DEFAULT_MAX_DF), min_shared = 2, params = None))]
fn all_pairs(
    py: Python<'_>,
    texts: Vec<PyBackedStr>,
    ngram: i128,
    window: i128,
    max_df: i128,
    min_shared: i128,
    params: Option<PyRef<'_, PyAlignParams>>,
) -> PyResult<(Vec<PyReusePair>, usize, usize)> {
    let ip = index_params(ngram, window, max_df)?;
    let min_shared = in_range("min_shared", min_shared, &MIN_SHARED_RANGE)?;
    let p = or_default(params);
    let found = run(py, || corpus::all_pairs(&texts, &ip, min_shared, &p))?;
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
    #[pyo3(signature = (*, ngram = wide(index::DEFAULT_INDEX_NGRAM), window = wide(index::DEFAULT_WINDOW),
                        max_df = wide(index::DEFAULT_MAX_DF)))]
    fn new(ngram: i128, window: i128, max_df: i128) -> PyResult<Self> {
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
        run(py, || inner.add(&records))
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

    /// The `k` likeliest sources of `text`, best first. `max_df` (the index's when None) is the
    /// number of documents above which an n-gram chooses no candidates; `boilerplate` the word
    /// ranges of `text` that are no evidence of a source (`boilerplate()`'s; when None, the
    /// text in more than `max_df` documents).
    #[pyo3(signature = (text, *, k = 10, candidates = 50, params = None, max_df = None, boilerplate = None))]
    #[allow(clippy::too_many_arguments)] // the keyword arguments of one Python method
    fn search(
        &self,
        py: Python<'_>,
        text: &str,
        k: usize,
        candidates: usize,
        params: Option<PyRef<'_, PyAlignParams>>,
        max_df: Option<i128>,
        boilerplate: Option<Vec<(usize, usize)>>,
    ) -> PyResult<Vec<PyHit>> {
        if k == 0 {
            return Err(PyValueError::new_err("k must be at least 1"));
        }
        let p = or_default(params);
        let ip = self.params_with(max_df)?;
        let hits = run(py, || {
            corpus::search(&self.inner, text, k, candidates, &p, &ip, boilerplate)
        })?;
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

    /// The word ranges `[start, end)` of `text` that are no evidence of a source, in order and
    /// apart: the words an n-gram of an `exclude` text covers, and runs of 11 words or more
    /// (window + n-gram - 1) of text in more than `max_df` of the index's documents (the
    /// index's `max_df` when None).
    #[pyo3(signature = (text, *, exclude = Vec::new(), max_df = None))]
    #[allow(clippy::needless_pass_by_value)]
    fn boilerplate(
        &self,
        py: Python<'_>,
        text: &str,
        exclude: Vec<PyBackedStr>,
        max_df: Option<i128>,
    ) -> PyResult<Vec<(usize, usize)>> {
        let ip = self.params_with(max_df)?;
        run(py, || {
            let excluded = NgramSet::of_texts(&exclude, ip.ngram);
            corpus::query_boilerplate(&self.inner, &text::hash_words(text), &ip, &excluded)
        })
    }

    /// Every pair of the index's documents that reuses text: `(pairs, postings, candidate_pairs)`.
    #[pyo3(signature = (*, min_shared = 2, params = None))]
    fn all_pairs(
        &self,
        py: Python<'_>,
        min_shared: i128,
        params: Option<PyRef<'_, PyAlignParams>>,
    ) -> PyResult<(Vec<PyReusePair>, usize, usize)> {
        let min_shared = in_range("min_shared", min_shared, &MIN_SHARED_RANGE)?;
        let p = or_default(params);
        let found = run(py, || corpus::index_all_pairs(&self.inner, min_shared, &p))?;
        py_pairs(py, found)
    }
}

impl PyIndex {
    /// The index's parameters, with `max_df` in place of its own when given.
    fn params_with(&self, max_df: Option<i128>) -> PyResult<IndexParams> {
        let Some(max_df) = max_df else {
            return Ok(self.inner.params);
        };
        Ok(IndexParams {
            max_df: in_range("max_df", max_df, &index::MAX_DF_RANGE)?,
            ..self.inner.params
        })
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
    add_collection(m)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// A collection's reuse with its duplicate groups, and what judging a pair needs of each document.

use crate::boilerplate::{self, NgramSet};
use crate::quotes;
use crate::reuse;

/// Every top-level quotation of `text`: `(start, end, inner_start, inner_end)` in code points.
#[pyfunction]
fn quotations(py: Python<'_>, text: &str) -> Vec<(usize, usize, usize, usize)> {
    py.detach(|| {
        quotes::quotations(text)
            .into_iter()
            .map(|q| (q.start, q.end, q.inner_start, q.inner_end))
            .collect()
    })
}

/// For each text, `(words, quotations, boilerplate)`: its number of words and the word ranges of
/// its quotations and of its boilerplate (`boilerplate::boilerplate_words`: what the n-grams of
/// `exclude` cover, and runs of `frequent` ones; little-endian u64 hashes), in parallel.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
#[pyo3(signature = (texts, *, exclude = None, frequent = None, ngram = wide(index::DEFAULT_INDEX_NGRAM),
                    window = wide(index::DEFAULT_WINDOW)))]
fn document_facts_many(
    py: Python<'_>,
    texts: Vec<PyBackedStr>,
    exclude: Option<pyo3::pybacked::PyBackedBytes>,
    frequent: Option<pyo3::pybacked::PyBackedBytes>,
    ngram: i128,
    window: i128,
) -> PyResult<Vec<(usize, WordRanges, WordRanges)>> {
    let p = index_params(ngram, window, wide(index::DEFAULT_MAX_DF))?;
    let excluded = hash_set(exclude.as_deref().unwrap_or_default())?;
    let frequent = hash_set(frequent.as_deref().unwrap_or_default())?;
    run(py, || {
        Ok::<_, Infallible>(
            texts
                .par_iter()
                .map(|t| {
                    let words = text::hash_words(t);
                    let f = quotes::facts_with_words(t, &words);
                    let covered = boilerplate::boilerplate_words(&words, &excluded, &frequent, &p);
                    (f.words, f.quotations, covered)
                })
                .collect(),
        )
    })
}

/// A set of n-gram hashes from Python: little-endian u64s, in any order.
fn hash_set(bytes: &[u8]) -> PyResult<NgramSet> {
    if bytes.len() % 8 != 0 {
        return Err(PyValueError::new_err(
            "n-gram hashes must be little-endian u64s (a multiple of 8 bytes)",
        ));
    }
    Ok(NgramSet::new(
        bytes
            .chunks_exact(8)
            .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
            .collect(),
    ))
}

/// Every word n-gram of `texts` (not only the winnowed ones), as sorted, distinct little-endian
/// u64 hashes: template text to exclude, as the embedded engine takes it from its texts.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
#[pyo3(signature = (texts, *, ngram = wide(index::DEFAULT_INDEX_NGRAM)))]
fn ngram_set(py: Python<'_>, texts: Vec<PyBackedStr>, ngram: i128) -> PyResult<Bound<'_, PyBytes>> {
    let ngram = in_range("ngram", ngram, &index::INDEX_NGRAM_RANGE)?;
    let set = run(py, || {
        Ok::<_, Infallible>(NgramSet::of_texts(&texts, ngram))
    })?;
    Ok(le_bytes(py, set.hashes(), u64::to_le_bytes))
}

/// Word ranges `[start, end)` of a document's quotations.
type WordRanges = Vec<(usize, usize)>;

/// `(line starts, documents)` of JSON lines: for each line, `(id, text, date)` when it holds
/// nothing else and is valid, else None (the caller's reader parses it and names any problem).
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
fn jsonl_records(
    py: Python<'_>,
    data: pyo3::pybacked::PyBackedBytes,
    max_line: usize,
) -> PyResult<(Vec<usize>, Bound<'_, PyAny>)> {
    let (starts, records) = run(py, || {
        Ok::<_, Infallible>(crate::jsonl::simple_records(&data, max_line))
    })?;
    // The documents become Python objects while `data`, which they may borrow from, lives.
    Ok((starts, records.into_pyobject(py)?))
}

// ---------------------------------------------------------------------------------------------
// Judging a collection's pairs (crate::judge), and the corpus command's whole run in the core.

use std::borrow::Cow;

use crate::judge::{self, Direction, Document, Verdict};
use crate::quotes::Facts;
use crate::report::{self, PairLine, PassageLine};

/// What judging takes of one document from Python: `(date, words, quotations, boilerplate)`.
type PyFacts = (Option<String>, usize, WordRanges, WordRanges);

fn core_facts(facts: &PyFacts) -> Facts {
    Facts {
        words: facts.1,
        quotations: facts.2.clone(),
        boilerplate: facts.3.clone(),
    }
}

impl From<&PyPassage> for align::Passage {
    fn from(p: &PyPassage) -> Self {
        Self {
            candidate_tokens: p.candidate_tokens,
            source_tokens: p.source_tokens,
            candidate: p.candidate,
            source: p.source,
            matched: p.matched,
            score: p.score,
        }
    }
}

/// A verdict as Python takes it: `(swapped, prose words, direction)`, the direction described
/// with the ids of the pair's candidate and source.
fn py_verdict(v: Verdict, first_id: &str, second_id: &str) -> (bool, usize, Option<String>) {
    let (candidate, source) = if v.swapped {
        (second_id, first_id)
    } else {
        (first_id, second_id)
    };
    let direction = v
        .direction
        .map(|d: Direction| d.describe(candidate, source));
    (v.swapped, v.prose, direction)
}

/// One aligned pair judged (`judge::judge_pair`; `first` is the passages' candidate side), or
/// None when its largest stretch holds fewer than `min_prose_words` words of prose.
#[pyfunction(name = "judge_pair")]
#[allow(clippy::needless_pass_by_value)]
#[pyo3(signature = (first_id, first, second_id, second, passages, *, min_prose_words))]
fn py_judge_pair(
    first_id: &str,
    first: PyFacts,
    second_id: &str,
    second: PyFacts,
    passages: Vec<PyRef<'_, PyPassage>>,
    min_prose_words: usize,
) -> Option<(bool, usize, Option<String>)> {
    let passages: Vec<align::Passage> = passages.iter().map(|p| (&**p).into()).collect();
    let (first_facts, second_facts) = (core_facts(&first), core_facts(&second));
    let verdict = judge::judge_pair(
        Document {
            date: first.0.as_deref(),
            facts: &first_facts,
        },
        Document {
            date: second.0.as_deref(),
            facts: &second_facts,
        },
        &passages,
        min_prose_words,
    )?;
    Some(py_verdict(verdict, first_id, second_id))
}

/// Two documents with the same words judged (`judge::judge_identical`): `first` is the group's
/// first and the passages' candidate side; of `second` only its date counts.
#[pyfunction(name = "judge_identical")]
#[allow(clippy::needless_pass_by_value)]
fn py_judge_identical(
    first_id: &str,
    first: PyFacts,
    second_id: &str,
    second_date: Option<&str>,
    passages: Vec<PyRef<'_, PyPassage>>,
) -> (bool, usize, Option<String>) {
    let passages: Vec<align::Passage> = passages.iter().map(|p| (&**p).into()).collect();
    let facts = core_facts(&first);
    let verdict = judge::judge_identical(
        Document {
            date: first.0.as_deref(),
            facts: &facts,
        },
        Document {
            date: second_date,
            facts: &facts,
        },
        &passages,
    );
    py_verdict(verdict, first_id, second_id)
}

/// Connected groups of linked documents (`(candidate, source)` ids), each sorted, largest first.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
fn clusters(links: Vec<(PyBackedStr, PyBackedStr)>) -> Vec<Vec<String>> {
    let mut names: Vec<&str> = links.iter().flat_map(|(a, b)| [&**a, &**b]).collect();
    names.sort_unstable();
    names.dedup();
    let number = |name: &str| names.binary_search(&name).expect("a linked name") as u32;
    let groups = reuse::clusters(
        links.iter().map(|(a, b)| (number(a), number(b))),
        names.len(),
        |d| names[d as usize],
    );
    groups
        .into_iter()
        .map(|g| {
            g.into_iter()
                .map(|d| names[d as usize].to_string())
                .collect()
        })
        .collect()
}

/// A judged pair as Python takes it: `(candidate, source, passages, matched, prose words,
/// direction, identical)`, documents by number.
type PyJudgedPair = (
    u32,
    u32,
    Vec<Py<PyPassage>>,
    usize,
    usize,
    Option<String>,
    bool,
);

/// A judged collection run (`reuse::judged_reuse`) held by the core: its documents' ids, the
/// judged pairs, the duplicate groups, the clusters, documents numbered by position, and the
/// texts that alone link many pairs (`reuse::shared_passages`).
#[pyclass(frozen, module = "provenance._core", name = "JudgedRun")]
struct PyJudgedRun {
    ids: Vec<String>,
    found: reuse::JudgedReuse,
    clusters: Vec<Vec<u32>>,
    shared: Vec<reuse::SharedPassage>,
}

impl PyJudgedRun {
    /// The run's clusters (`reuse::clusters`, members ordered by id) and shared passages
    /// computed from its `texts`.
    fn new<S: AsRef<str> + Sync>(ids: Vec<String>, found: reuse::JudgedReuse, texts: &[S]) -> Self {
        let clusters = reuse::clusters(
            found.pairs.iter().map(|p| (p.candidate, p.source)),
            ids.len(),
            |d| &ids[d as usize],
        );
        let shared = reuse::shared_passages(texts, &found.pairs);
        Self {
            ids,
            found,
            clusters,
            shared,
        }
    }
}

#[pymethods]
impl PyJudgedRun {
    #[getter]
    fn ids(&self) -> Vec<String> {
        self.ids.clone()
    }
    #[getter]
    fn candidate_pairs(&self) -> usize {
        self.found.candidate_pairs
    }
    #[getter]
    fn duplicates(&self) -> Vec<Vec<u32>> {
        self.found.duplicates.clone()
    }
    #[getter]
    fn clusters(&self) -> Vec<Vec<u32>> {
        self.clusters.clone()
    }
    /// `(pairs, documents, text)` of each text that is the only passage of many pairs.
    #[getter]
    fn shared_passages(&self) -> Vec<(usize, usize, String)> {
        self.shared
            .iter()
            .map(|s| (s.pairs, s.documents, s.text.clone()))
            .collect()
    }

    fn __len__(&self) -> usize {
        self.found.pairs.len()
    }

    /// The pairs as tuples, the direction's evidence described with the documents' ids.
    fn pairs(&self, py: Python<'_>) -> PyResult<Vec<PyJudgedPair>> {
        self.found
            .pairs
            .iter()
            .map(|pair| {
                let direction = pair.direction.map(|d| {
                    d.describe(
                        &self.ids[pair.candidate as usize],
                        &self.ids[pair.source as usize],
                    )
                });
                Ok((
                    pair.candidate,
                    pair.source,
                    py_passages(py, pair.passages.clone())?,
                    pair.matched,
                    pair.prose,
                    direction,
                    pair.identical,
                ))
            })
            .collect()
    }

    /// The run as JSON lines (`report::to_jsonl`).
    fn to_jsonl(&self, py: Python<'_>) -> PyResult<String> {
        let ids: Vec<&str> = self.ids.iter().map(String::as_str).collect();
        let named = |groups: &[Vec<u32>]| -> Vec<Vec<&str>> {
            groups
                .iter()
                .map(|g| g.iter().map(|&d| ids[d as usize]).collect())
                .collect()
        };
        run(py, || {
            let pairs = self.found.pairs.iter().map(|p| PairLine::judged(p, &ids));
            let jsonl = report::to_jsonl(
                pairs,
                &named(&self.clusters),
                &named(&self.found.duplicates),
            );
            Ok::<_, Infallible>(jsonl)
        })
    }
}

/// A passage as Python hands it to the writer: (kind, candidate span, source span, score).
type PassageTuple = (PyBackedStr, (usize, usize), (usize, usize), f64);
/// A pair as Python hands it to the writer: (candidate, source, direction, identical, matched
/// words, prose words, passages, reuse cases or None).
type PairTuple = (
    PyBackedStr,
    PyBackedStr,
    Option<PyBackedStr>,
    bool,
    usize,
    usize,
    Vec<PassageTuple>,
    Option<Vec<PassageTuple>>,
);

fn passage_lines(passages: &[PassageTuple]) -> PyResult<Vec<PassageLine<'_>>> {
    passages
        .iter()
        .map(|(kind, candidate, source, score)| {
            // As Python's json refuses them (`allow_nan=False`): JSON has no such number.
            if !score.is_finite() {
                return Err(PyValueError::new_err(format!(
                    "a passage's score must be a finite number, not {score}"
                )));
            }
            Ok(PassageLine {
                kind,
                candidate: *candidate,
                source: *source,
                score: *score,
            })
        })
        .collect()
}

/// Named pairs, clusters and duplicate groups (a `CorpusReuse` from Python) as JSON lines,
/// written as `JudgedRun.to_jsonl` writes a run (`report::to_jsonl`).
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
fn reuse_jsonl(
    py: Python<'_>,
    pairs: Vec<PairTuple>,
    clusters: Vec<Vec<PyBackedStr>>,
    duplicates: Vec<Vec<PyBackedStr>>,
) -> PyResult<String> {
    let lines = pairs
        .iter()
        .map(
            |(candidate, source, direction, identical, matched, prose, passages, cases)| {
                Ok(PairLine {
                    candidate,
                    source,
                    direction: direction.as_deref().map(Cow::Borrowed),
                    identical: *identical,
                    matched: *matched,
                    prose: *prose,
                    passages: passage_lines(passages)?,
                    cases: cases.as_deref().map(passage_lines).transpose()?,
                })
            },
        )
        .collect::<PyResult<Vec<_>>>()?;
    run(py, || {
        Ok::<_, Infallible>(report::to_jsonl(lines, &clusters, &duplicates))
    })
}

/// Every pair of `texts` that reuses prose, judged (`reuse::judged_reuse`), documents numbered
/// by position; `ids` name them, `dates` date them.
#[pyfunction]
#[allow(clippy::needless_pass_by_value, clippy::too_many_arguments)]
#[pyo3(signature = (texts, ids, dates, *, min_prose_words, ngram = wide(index::DEFAULT_INDEX_NGRAM),
                    window = wide(index::DEFAULT_WINDOW), max_df = wide(index::DEFAULT_MAX_DF),
                    min_shared = 2, params = None, exclude = Vec::new()))]
fn judged_reuse(
    py: Python<'_>,
    texts: Vec<PyBackedStr>,
    ids: Vec<String>,
    dates: Vec<Option<PyBackedStr>>,
    min_prose_words: usize,
    ngram: i128,
    window: i128,
    max_df: i128,
    min_shared: i128,
    params: Option<PyRef<'_, PyAlignParams>>,
    exclude: Vec<PyBackedStr>,
) -> PyResult<PyJudgedRun> {
    if ids.len() != texts.len() || dates.len() != texts.len() {
        return Err(PyValueError::new_err(
            "texts, ids and dates must have the same length",
        ));
    }
    let ip = index_params(ngram, window, max_df)?;
    let min_shared = in_range("min_shared", min_shared, &MIN_SHARED_RANGE)?;
    let p = or_default(params);
    let dates: Vec<Option<&str>> = dates.iter().map(|d| d.as_deref()).collect();
    run(py, || {
        let excluded = NgramSet::of_texts(&exclude, ip.ngram);
        let found = reuse::judged_reuse(
            &texts,
            &dates,
            min_prose_words,
            &ip,
            min_shared,
            &p,
            &excluded,
        )?;
        Ok::<_, IndexError>(PyJudgedRun::new(ids, found, &texts))
    })
}

/// `judged_reuse` on the documents of a JSON-lines file's bytes (a read-only buffer: bytes, a
/// file mapped read-only), read by the core: the texts never become Python strings.
/// `on_read(documents)` is called once they are read. None when any line is left to the Python
/// reader (`jsonl::simple_corpus`), which then names the problem.
#[pyfunction]
#[allow(clippy::needless_pass_by_value, clippy::too_many_arguments)]
#[pyo3(signature = (data, max_line, *, on_read, min_prose_words, ngram = wide(index::DEFAULT_INDEX_NGRAM),
                    window = wide(index::DEFAULT_WINDOW), max_df = wide(index::DEFAULT_MAX_DF),
                    min_shared = 2, params = None, exclude = Vec::new()))]
fn judged_jsonl(
    py: Python<'_>,
    data: PyBuffer<u8>,
    max_line: usize,
    on_read: Bound<'_, PyAny>,
    min_prose_words: usize,
    ngram: i128,
    window: i128,
    max_df: i128,
    min_shared: i128,
    params: Option<PyRef<'_, PyAlignParams>>,
    exclude: Vec<PyBackedStr>,
) -> PyResult<Option<PyJudgedRun>> {
    let ip = index_params(ngram, window, max_df)?;
    let min_shared = in_range("min_shared", min_shared, &MIN_SHARED_RANGE)?;
    let p = or_default(params);
    if !data.readonly() || !data.is_c_contiguous() {
        return Err(PyValueError::new_err(
            "data must be a read-only, contiguous buffer of bytes",
        ));
    }
    // SAFETY: the export is read-only and contiguous, and it stays alive and unchanged by
    // Python (a mapped file cannot be closed or resized while exported) until `data` is dropped
    // at the end of this function. A file mapped by the caller and changed by another process
    // meanwhile would change under the slice, as any memory map of a file can.
    let bytes: &[u8] =
        unsafe { std::slice::from_raw_parts(data.buf_ptr().cast::<u8>(), data.len_bytes()) };
    let docs = run(py, || {
        Ok::<_, Infallible>(crate::jsonl::simple_corpus(bytes, max_line))
    })?;
    let Some(docs) = docs else {
        return Ok(None);
    };
    on_read.call1((docs.len(),))?;
    let judged = run(py, || {
        let texts: Vec<&str> = docs.iter().map(|d| d.1.as_ref()).collect();
        let dates: Vec<Option<&str>> = docs.iter().map(|d| d.2.as_deref()).collect();
        let excluded = NgramSet::of_texts(&exclude, ip.ngram);
        let found = reuse::judged_reuse(
            &texts,
            &dates,
            min_prose_words,
            &ip,
            min_shared,
            &p,
            &excluded,
        )?;
        let ids = docs.iter().map(|d| d.0.to_string()).collect();
        Ok::<_, IndexError>(PyJudgedRun::new(ids, found, &texts))
    })?;
    Ok(Some(judged))
}

fn add_collection(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(jsonl_records, m)?)?;
    m.add_function(wrap_pyfunction!(py_judge_pair, m)?)?;
    m.add_function(wrap_pyfunction!(py_judge_identical, m)?)?;
    m.add_function(wrap_pyfunction!(clusters, m)?)?;
    m.add_class::<PyJudgedRun>()?;
    m.add_function(wrap_pyfunction!(judged_reuse, m)?)?;
    m.add_function(wrap_pyfunction!(judged_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(reuse_jsonl, m)?)?;
    m.add("REUSE_GAP_WORDS", judge::REUSE_GAP_WORDS)?;
    m.add("FABRICATED_MIN", judge::FABRICATED_MIN)?;
    m.add(
        "QUOTE_FROM_PROSE_MIN_WORDS",
        judge::QUOTE_FROM_PROSE_MIN_WORDS,
    )?;
    m.add("WRAPPED_LINE_MAX", quotes::WRAPPED_LINE_MAX)?;
    m.add_function(wrap_pyfunction!(quotations, m)?)?;
    m.add_function(wrap_pyfunction!(document_facts_many, m)?)?;
    m.add_function(wrap_pyfunction!(ngram_set, m)?)?;
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

    /// Unit vectors of a batch, one row of token ids per sentence (rows of any lengths), as
    /// little-endian f32, `dimension` values per sentence.
    #[allow(clippy::needless_pass_by_value)]
    fn encode<'py>(
        &self,
        py: Python<'py>,
        ids: Vec<Vec<u32>>,
    ) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        let vectors = run(py, || self.inner.encode(&ids))?;
        let bytes: Vec<u8> = vectors.iter().flat_map(|v| v.to_le_bytes()).collect();
        Ok(pyo3::types::PyBytes::new(py, &bytes))
    }
}

// ---------------------------------------------------------------------------------------------
// Columnar steps of all-pairs for partitioned engines (python/provenance/spark.py): flat
// little-endian arrays out as bytes (numpy.frombuffer reads them without a copy), never one
// Python object per posting.

use crate::columnar;
use pyo3::buffer::PyBuffer;
use pyo3::types::PyBytes;

fn le_bytes<'py, const N: usize, T: Copy>(
    py: Python<'py>,
    values: &[T],
    to_le: fn(T) -> [u8; N],
) -> Bound<'py, PyBytes> {
    let bytes: Vec<u8> = values.iter().flat_map(|&v| to_le(v)).collect();
    PyBytes::new(py, &bytes)
}

/// Keys equal for texts with the same normalised words: 16 bytes a text (zero for a text
/// without a word), and one byte a text, 1 when it has words.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
fn content_keys(
    py: Python<'_>,
    texts: Vec<PyBackedStr>,
) -> PyResult<(Bound<'_, PyBytes>, Bound<'_, PyBytes>)> {
    let keys = run(py, || Ok::<_, Infallible>(columnar::content_keys(&texts)))?;
    let flat: Vec<u128> = keys.iter().map(|k| k.unwrap_or(0)).collect();
    let has_words: Vec<u8> = keys.iter().map(|k| u8::from(k.is_some())).collect();
    Ok((
        le_bytes(py, &flat, u128::to_le_bytes),
        PyBytes::new(py, &has_words),
    ))
}

/// Each text's distinct winnowed fingerprints as two columns: text numbers (u32) and hashes
/// (u64), in text order; those in `exclude` (n-gram hashes, little-endian u64s: `ngram_set` of
/// template texts) left out.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
#[pyo3(signature = (texts, *, ngram = wide(index::DEFAULT_INDEX_NGRAM), window = wide(index::DEFAULT_WINDOW),
                    exclude = None))]
fn fingerprint_columns(
    py: Python<'_>,
    texts: Vec<PyBackedStr>,
    ngram: i128,
    window: i128,
    exclude: Option<pyo3::pybacked::PyBackedBytes>,
) -> PyResult<(Bound<'_, PyBytes>, Bound<'_, PyBytes>)> {
    let p = index_params(ngram, window, wide(index::DEFAULT_MAX_DF))?;
    let excluded = hash_set(exclude.as_deref().unwrap_or_default())?;
    let (docs, hashes) = run(py, || {
        Ok::<_, Infallible>(columnar::distinct_fingerprints(&texts, &p, &excluded))
    })?;
    Ok((
        le_bytes(py, &docs, u32::to_le_bytes),
        le_bytes(py, &hashes, u64::to_le_bytes),
    ))
}

/// The n-grams of each text near an occurrence of a `frequent` fingerprint (little-endian u64
/// hashes), each once a text, as two columns: text numbers (u32) and hashes (u64). Those in more
/// than `max_df` documents are the text the fingerprints pruned as boilerplate were chosen from.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
#[pyo3(signature = (texts, frequent, *, ngram = wide(index::DEFAULT_INDEX_NGRAM), window = wide(index::DEFAULT_WINDOW)))]
fn near_frequent_columns(
    py: Python<'_>,
    texts: Vec<PyBackedStr>,
    frequent: pyo3::pybacked::PyBackedBytes,
    ngram: i128,
    window: i128,
) -> PyResult<(Bound<'_, PyBytes>, Bound<'_, PyBytes>)> {
    let p = index_params(ngram, window, wide(index::DEFAULT_MAX_DF))?;
    let frequent = hash_set(&frequent)?;
    let (docs, hashes) = run(py, || {
        Ok::<_, Infallible>(columnar::near_frequent_columns(&texts, &frequent, &p))
    })?;
    Ok((
        le_bytes(py, &docs, u32::to_le_bytes),
        le_bytes(py, &hashes, u64::to_le_bytes),
    ))
}

/// Candidate pairs of one bucket of postings (every posting of each of its hashes): `hashes`
/// (int64) and `docs` (uint32) side by side in, three uint32 columns `(a, b, shared)` out,
/// `a < b`; hashes in more than `max_df` documents pair nothing.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
#[pyo3(signature = (hashes, docs, *, max_df = wide(index::DEFAULT_MAX_DF)))]
fn bucket_pairs(
    py: Python<'_>,
    hashes: PyBuffer<i64>,
    docs: PyBuffer<u32>,
    max_df: i128,
) -> PyResult<(Bound<'_, PyBytes>, Bound<'_, PyBytes>, Bound<'_, PyBytes>)> {
    let max_df = in_range("max_df", max_df, &index::MAX_DF_RANGE)?;
    let hashes: Vec<u64> = hashes.to_vec(py)?.into_iter().map(|h| h as u64).collect();
    let docs = docs.to_vec(py)?;
    if hashes.len() != docs.len() {
        return Err(PyValueError::new_err(
            "hashes and docs must have the same length",
        ));
    }
    let pairs = run(py, || {
        Ok::<_, Infallible>(columnar::bucket_pairs(&hashes, &docs, max_df))
    })?;
    let column = |f: fn(&(u32, u32, u32)) -> u32| -> Vec<u32> { pairs.iter().map(f).collect() };
    Ok((
        le_bytes(py, &column(|p| p.0), u32::to_le_bytes),
        le_bytes(py, &column(|p| p.1), u32::to_le_bytes),
        le_bytes(py, &column(|p| p.2), u32::to_le_bytes),
    ))
}

/// Aligns candidate pairs of `texts`: pair `i` is `texts[a[i]]` (the passages' candidate side)
/// with `texts[b[i]]`, `shared[i]` fingerprints in common. Each text is tokenised once, however
/// many pairs it is in; pairs without a passage are left out.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
#[pyo3(signature = (texts, a, b, shared, *, params = None))]
fn align_indexed(
    py: Python<'_>,
    texts: Vec<PyBackedStr>,
    a: PyBuffer<u32>,
    b: PyBuffer<u32>,
    shared: PyBuffer<u32>,
    params: Option<PyRef<'_, PyAlignParams>>,
) -> PyResult<Vec<PyReusePair>> {
    let p = or_default(params);
    let (a, b, shared) = (a.to_vec(py)?, b.to_vec(py)?, shared.to_vec(py)?);
    if a.len() != b.len() || a.len() != shared.len() {
        return Err(PyValueError::new_err(
            "a, b and shared must have the same length",
        ));
    }
    if let Some(&out) = a.iter().chain(&b).find(|&&i| i as usize >= texts.len()) {
        return Err(PyValueError::new_err(format!(
            "text number {out} is out of range ({} texts)",
            texts.len()
        )));
    }
    let mut pairs: Vec<(u32, u32, u32)> = a
        .into_iter()
        .zip(b)
        .zip(shared)
        .map(|((a, b), s)| (a, b, s))
        .collect();
    pairs.sort_unstable();
    let found = run(py, || {
        corpus::align_pairs(&pairs, |i| Ok(text::hash_words(&texts[i as usize])), &p)
    })?;
    found
        .into_iter()
        .map(|p| {
            Ok(PyReusePair {
                a: p.a,
                b: p.b,
                shared: p.shared,
                passages: py_passages(py, p.passages)?,
            })
        })
        .collect()
}

/// Registers the columnar part of the module (called from `_core`).
fn add_columnar(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(content_keys, m)?)?;
    m.add_function(wrap_pyfunction!(fingerprint_columns, m)?)?;
    m.add_function(wrap_pyfunction!(near_frequent_columns, m)?)?;
    m.add_function(wrap_pyfunction!(bucket_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(align_indexed, m)?)?;
    Ok(())
}
