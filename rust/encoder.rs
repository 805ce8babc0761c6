//! The forward pass of a BERT sentence encoder (all-MiniLM-L6-v2) as sentence-transformers runs
//! it: embeddings, the transformer layers, mean pooling over the mask, L2 normalisation, in f32.
//!
//! Sentences of any lengths go in unpadded: the tokens of every sentence are packed into one
//! matrix, since every stage but attention is per token and attention stays within a sentence. The
//! matrix products use the `gemm` crate (AVX-512 when the CPU has it, rayon threads); the other
//! per-token loops are compiled twice, for baseline x86-64 and for AVX2 (see `wide!`).

// The kernels `wide!` dispatches to, and what they call, must inline into their AVX2 copies.
#![allow(clippy::inline_always)]

use std::fmt;
use std::path::Path;

use gemm::{Parallelism, gemm};
use rayon::prelude::*;
use safetensors::{Dtype, SafeTensors};
use serde_json::Value;

#[derive(Debug)]
pub enum EncoderError {
    Io(std::io::Error),
    /// The model files are malformed or describe a model this pass does not implement.
    Model(String),
    /// A row of token ids handed to `encode` does not fit the model.
    Input(String),
}

impl fmt::Display for EncoderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(e) => write!(f, "{e}"),
            Self::Model(m) | Self::Input(m) => f.write_str(m),
        }
    }
}

impl From<std::io::Error> for EncoderError {
    fn from(err: std::io::Error) -> Self {
        Self::Io(err)
    }
}

fn model_error(message: impl Into<String>) -> EncoderError {
    EncoderError::Model(message.into())
}

/// `LayerNorm` parameters: per-feature scale and shift.
struct Norm {
    weight: Vec<f32>,
    bias: Vec<f32>,
}

/// Dense weights are stored transposed from torch's `(out, in)` to `(in, out)`, row-major.
struct Layer {
    /// Query, key and value projections side by side; the query part pre-scaled by `1 / sqrt(head_dim)`.
    qkv_weight: Vec<f32>,
    qkv_bias: Vec<f32>,
    attention_out_weight: Vec<f32>,
    attention_out_bias: Vec<f32>,
    attention_norm: Norm,
    intermediate_weight: Vec<f32>,
    intermediate_bias: Vec<f32>,
    output_weight: Vec<f32>,
    output_bias: Vec<f32>,
    output_norm: Norm,
}

pub struct Encoder {
    hidden: usize,
    heads: usize,
    intermediate: usize,
    layer_norm_eps: f32,
    vocabulary: usize,
    max_positions: usize,
    word_embeddings: Vec<f32>,
    /// Position embeddings with the token-type-0 embedding added: every token has type 0.
    position_embeddings: Vec<f32>,
    embedding_norm: Norm,
    layers: Vec<Layer>,
}

fn read_json(path: &Path) -> Result<Value, EncoderError> {
    serde_json::from_slice(&std::fs::read(path)?)
        .map_err(|e| model_error(format!("{}: {e}", path.display())))
}

fn config_usize(config: &Value, key: &str) -> Result<usize, EncoderError> {
    config[key]
        .as_u64()
        .map(|v| v as usize)
        .ok_or_else(|| model_error(format!("config.json: no integer {key}")))
}

/// Refuses a model whose pipeline differs from the one implemented here.
fn check_pipeline(directory: &Path, config: &Value) -> Result<(), EncoderError> {
    if config["model_type"] != "bert" || config["hidden_act"] != "gelu" {
        return Err(model_error(format!(
            "unsupported encoder in {}: expected a BERT model with erf GELU",
            directory.display()
        )));
    }
    if config
        .get("position_embedding_type")
        .is_some_and(|p| p != "absolute")
    {
        return Err(model_error(format!(
            "unsupported position embeddings in {}",
            directory.display()
        )));
    }
    let pooling_path = directory.join("1_Pooling").join("config.json");
    if pooling_path.is_file() {
        let pooling = read_json(&pooling_path)?;
        let modes: Vec<&str> = pooling
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(key, on)| key.starts_with("pooling_mode_") && on.as_bool() == Some(true))
            .map(|(key, _)| key.as_str())
            .collect();
        if modes != ["pooling_mode_mean_tokens"] {
            return Err(model_error(format!(
                "unsupported pooling {modes:?} in {}",
                directory.display()
            )));
        }
    }
    Ok(())
}

struct Weights<'a>(SafeTensors<'a>);

impl Weights<'_> {
    /// The f32 tensor `name`, checked to have `len` elements.
    fn vector(&self, name: &str, len: usize) -> Result<Vec<f32>, EncoderError> {
        let view = self
            .0
            .tensor(name)
            .map_err(|e| model_error(format!("{name}: {e}")))?;
        if view.dtype() != Dtype::F32 || view.shape().iter().product::<usize>() != len {
            return Err(model_error(format!(
                "{name}: expected {len} f32 values, found {:?} {:?}",
                view.dtype(),
                view.shape()
            )));
        }
        Ok(view
            .data()
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }

    /// A torch Linear weight `(out, in)`, transposed to `(in, out)`.
    fn dense(&self, name: &str, inputs: usize, outputs: usize) -> Result<Vec<f32>, EncoderError> {
        let stored = self.vector(name, inputs * outputs)?;
        let mut transposed = vec![0.0; stored.len()];
        for (out, row) in stored.chunks_exact(inputs).enumerate() {
            for (input, &value) in row.iter().enumerate() {
                transposed[input * outputs + out] = value;
            }
        }
        Ok(transposed)
    }

    fn norm(&self, prefix: &str, len: usize) -> Result<Norm, EncoderError> {
        Ok(Norm {
            weight: self.vector(&format!("{prefix}.weight"), len)?,
            bias: self.vector(&format!("{prefix}.bias"), len)?,
        })
    }

    fn layer(
        &self,
        index: usize,
        hidden: usize,
        head_dim: usize,
        intermediate: usize,
    ) -> Result<Layer, EncoderError> {
        let prefix = format!("encoder.layer.{index}.");
        let attention = format!("{prefix}attention.");
        let scale = 1.0 / (head_dim as f32).sqrt();
        let mut qkv_weight = Vec::with_capacity(3 * hidden * hidden);
        let projections = ["query", "key", "value"]
            .map(|p| self.dense(&format!("{attention}self.{p}.weight"), hidden, hidden));
        let [query, key, value] = projections;
        let (query, key, value) = (query?, key?, value?);
        for input in 0..hidden {
            let row = input * hidden..(input + 1) * hidden;
            qkv_weight.extend(query[row.clone()].iter().map(|w| w * scale));
            qkv_weight.extend_from_slice(&key[row.clone()]);
            qkv_weight.extend_from_slice(&value[row]);
        }
        let mut qkv_bias: Vec<f32> = self
            .vector(&format!("{attention}self.query.bias"), hidden)?
            .into_iter()
            .map(|b| b * scale)
            .collect();
        qkv_bias.extend(self.vector(&format!("{attention}self.key.bias"), hidden)?);
        qkv_bias.extend(self.vector(&format!("{attention}self.value.bias"), hidden)?);
        Ok(Layer {
            qkv_weight,
            qkv_bias,
            attention_out_weight: self.dense(
                &format!("{attention}output.dense.weight"),
                hidden,
                hidden,
            )?,
            attention_out_bias: self.vector(&format!("{attention}output.dense.bias"), hidden)?,
            attention_norm: self.norm(&format!("{attention}output.LayerNorm"), hidden)?,
            intermediate_weight: self.dense(
                &format!("{prefix}intermediate.dense.weight"),
                hidden,
                intermediate,
            )?,
            intermediate_bias: self
                .vector(&format!("{prefix}intermediate.dense.bias"), intermediate)?,
            output_weight: self.dense(
                &format!("{prefix}output.dense.weight"),
                intermediate,
                hidden,
            )?,
            output_bias: self.vector(&format!("{prefix}output.dense.bias"), hidden)?,
            output_norm: self.norm(&format!("{prefix}output.LayerNorm"), hidden)?,
        })
    }
}

/// `out = a (rows × inner) @ b (inner × cols)`, all row-major; `out` is overwritten.
fn matmul(out: &mut [f32], a: &[f32], b: &[f32], rows: usize, inner: usize, cols: usize) {
    assert!(out.len() == rows * cols && a.len() == rows * inner && b.len() == inner * cols);
    if rows == 0 {
        return;
    }
    let stride = |n: usize| isize::try_from(n).expect("a row stride fits in isize");
    // SAFETY: the asserts above keep every access of the (row-major, unit column stride)
    // matrices in bounds, and `out` is borrowed mutably, so it aliases neither input.
    unsafe {
        gemm(
            rows,
            cols,
            inner,
            out.as_mut_ptr(),
            1,
            stride(cols),
            false,
            a.as_ptr(),
            1,
            stride(inner),
            b.as_ptr(),
            1,
            stride(cols),
            0.0,
            1.0,
            false,
            false,
            false,
            Parallelism::Rayon(0),
        );
    }
}

/// `wide!(name = kernel(arg: type, ...))` defines `name`, which runs the `#[inline(always)]`
/// function `kernel` compiled for AVX2 when the CPU has it: the crate is built for baseline
/// x86-64, whose SSE2 vectors are half as wide, and the per-token loops vectorise under either.
macro_rules! wide {
    ($name:ident = $kernel:ident($($arg:ident: $type:ty),* $(,)?)) => {
        fn $name($($arg: $type),*) {
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx2")]
                unsafe fn with_avx2($($arg: $type),*) {
                    $kernel($($arg),*)
                }
                if is_x86_feature_detected!("avx2") {
                    // SAFETY: the CPU has the one feature `with_avx2` is compiled for.
                    return unsafe { with_avx2($($arg),*) };
                }
            }
            $kernel($($arg),*)
        }
    };
}

/// Independent partial sums of a reduction: a single running f32 sum cannot be reordered, so
/// it runs one addition at a time; lanes let the compiler vectorise the loop.
const LANES: usize = 16;

/// `Σ f(x)` over a row, summed in lanes.
#[inline(always)]
fn sum_by(row: &[f32], f: impl Fn(f32) -> f32) -> f32 {
    let chunks = row.chunks_exact(LANES);
    let tail: f32 = chunks.remainder().iter().map(|&x| f(x)).sum();
    let mut lanes = [0.0f32; LANES];
    for chunk in chunks {
        for lane in 0..LANES {
            lanes[lane] += f(chunk[lane]);
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// `LayerNorm` of one row, in place.
#[inline(always)]
pub fn layer_norm(row: &mut [f32], norm_weight: &[f32], norm_bias: &[f32], eps: f32) {
    let n = row.len() as f32;
    let mean = sum_by(row, |x| x) / n;
    for x in row.iter_mut() {
        *x -= mean;
    }
    let variance = sum_by(row, |x| x * x) / n;
    let inverse = 1.0 / (variance + eps).sqrt();
    for ((x, w), b) in row.iter_mut().zip(norm_weight).zip(norm_bias) {
        *x = *x * inverse * w + b;
    }
}

/// erf to 7e-8 absolute: the rational approximation of XLA's f32 erf, which needs no `exp` and
/// so vectorises (this is the hottest elementwise function of the pass).
#[inline(always)]
fn erf(x: f32) -> f32 {
    const ALPHA: [f32; 7] = [
        -2.726_142_3e-10,
        2.770_681_4e-8,
        -2.101_024e-6,
        -5.692_506_4e-5,
        -7.349_906_3e-4,
        -2.954_6e-3,
        -1.609_603_3e-2,
    ];
    const BETA: [f32; 5] = [
        -1.456_607_2e-5,
        -2.133_740_6e-4,
        -1.682_827e-3,
        -7.373_329e-3,
        -1.426_474e-2,
    ];
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let numerator = ALPHA.iter().fold(0.0, |acc, &c| acc * x2 + c);
    let denominator = BETA.iter().fold(0.0, |acc, &c| acc * x2 + c);
    x * numerator / denominator
}

/// The exact (erf) GELU that BERT's "gelu" names, not the tanh approximation.
#[inline(always)]
pub fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// `row = gelu(row + bias)` for each row of `rows`.
#[inline(always)]
fn add_bias_gelu_kernel(rows: &mut [f32], bias: &[f32]) {
    for row in rows.chunks_exact_mut(bias.len()) {
        row.iter_mut()
            .zip(bias)
            .for_each(|(v, b)| *v = gelu(*v + b));
    }
}

wide!(add_bias_gelu = add_bias_gelu_kernel(rows: &mut [f32], bias: &[f32]));

/// Mean of `hidden`'s rows (each `width` wide), scaled to unit length (zero stays zero).
pub fn mean_pool_normalised(hidden: &[f32], width: usize) -> Vec<f32> {
    let mut pooled = vec![0.0f32; width];
    let mut count = 0usize;
    for row in hidden.chunks_exact(width) {
        pooled.iter_mut().zip(row).for_each(|(p, x)| *p += x);
        count += 1;
    }
    let count = (count as f32).max(1e-9);
    for p in &mut pooled {
        *p /= count;
    }
    let norm = pooled.iter().map(|p| p * p).sum::<f32>().sqrt().max(1e-12);
    for p in &mut pooled {
        *p /= norm;
    }
    pooled
}

/// Rows handed to one rayon task by the per-token stages.
const ROWS_PER_TASK: usize = 16;

impl Encoder {
    /// Loads the model from a sentence-transformers directory (config.json, model.safetensors).
    pub fn load(directory: &Path) -> Result<Self, EncoderError> {
        let config = read_json(&directory.join("config.json"))?;
        check_pipeline(directory, &config)?;
        let hidden = config_usize(&config, "hidden_size")?;
        let heads = config_usize(&config, "num_attention_heads")?;
        let intermediate = config_usize(&config, "intermediate_size")?;
        let layer_count = config_usize(&config, "num_hidden_layers")?;
        let vocabulary = config_usize(&config, "vocab_size")?;
        let max_positions = config_usize(&config, "max_position_embeddings")?;
        let type_count = config_usize(&config, "type_vocab_size")?;
        let layer_norm_eps = config["layer_norm_eps"]
            .as_f64()
            .ok_or_else(|| model_error("config.json: no layer_norm_eps"))?
            as f32;
        if heads == 0 || hidden % heads != 0 {
            return Err(model_error(
                "config.json: hidden_size is not a multiple of the heads",
            ));
        }
        if type_count == 0 {
            return Err(model_error("config.json: no token types"));
        }
        let bytes = std::fs::read(directory.join("model.safetensors"))?;
        let weights = Weights(
            SafeTensors::deserialize(&bytes)
                .map_err(|e| model_error(format!("model.safetensors: {e}")))?,
        );
        let mut position_embeddings = weights.vector(
            "embeddings.position_embeddings.weight",
            max_positions * hidden,
        )?;
        let type_embeddings = weights.vector(
            "embeddings.token_type_embeddings.weight",
            type_count * hidden,
        )?;
        for row in position_embeddings.chunks_exact_mut(hidden) {
            row.iter_mut()
                .zip(&type_embeddings[..hidden])
                .for_each(|(p, t)| *p += t);
        }
        let layers = (0..layer_count)
            .map(|index| weights.layer(index, hidden, hidden / heads, intermediate))
            .collect::<Result<_, _>>()?;
        Ok(Self {
            hidden,
            heads,
            intermediate,
            layer_norm_eps,
            vocabulary,
            max_positions,
            word_embeddings: weights
                .vector("embeddings.word_embeddings.weight", vocabulary * hidden)?,
            position_embeddings,
            embedding_norm: weights.norm("embeddings.LayerNorm", hidden)?,
            layers,
        })
    }

    pub fn hidden_size(&self) -> usize {
        self.hidden
    }

    /// Unit-length sentence vectors, `hidden_size` values per sentence, one sentence per row of
    /// token ids; rows may differ in length, and a token's position is its index in its row.
    pub fn encode(&self, rows: &[Vec<u32>]) -> Result<Vec<f32>, EncoderError> {
        let input_error = |m: String| Err(EncoderError::Input(m));
        for (index, row) in rows.iter().enumerate() {
            if row.is_empty() {
                return input_error(format!(
                    "row {index} has no tokens: a sentence needs at least one"
                ));
            }
            if row.len() > self.max_positions {
                return input_error(format!(
                    "row {index} has {} tokens, more than the model's {} positions",
                    row.len(),
                    self.max_positions
                ));
            }
            if let Some(id) = row.iter().find(|&&id| id as usize >= self.vocabulary) {
                return input_error(format!(
                    "row {index}: token id {id} is outside the vocabulary of {}",
                    self.vocabulary
                ));
            }
        }
        // The tokens of every row, packed: (id, position), and where each row's tokens start.
        let mut tokens = Vec::with_capacity(rows.iter().map(Vec::len).sum());
        let mut starts = Vec::with_capacity(rows.len() + 1);
        starts.push(0);
        for row in rows {
            tokens.extend(
                row.iter()
                    .enumerate()
                    .map(|(position, &id)| (id as usize, position)),
            );
            starts.push(tokens.len());
        }
        let hidden_states = self.transform(&tokens, &starts);
        Ok(starts
            .windows(2)
            .flat_map(|s| {
                mean_pool_normalised(
                    &hidden_states[s[0] * self.hidden..s[1] * self.hidden],
                    self.hidden,
                )
            })
            .collect())
    }

    /// Final hidden states of the packed tokens; `starts` bounds each sentence.
    fn transform(&self, tokens: &[(usize, usize)], starts: &[usize]) -> Vec<f32> {
        let (hidden, rows) = (self.hidden, tokens.len());
        let eps = self.layer_norm_eps;
        let mut x = vec![0.0f32; rows * hidden];
        x.par_chunks_mut(hidden)
            .zip(tokens)
            .for_each(|(row, &(id, position))| {
                let word = &self.word_embeddings[id * hidden..(id + 1) * hidden];
                let place = &self.position_embeddings[position * hidden..(position + 1) * hidden];
                row.iter_mut()
                    .zip(word.iter().zip(place))
                    .for_each(|(v, (w, p))| *v = w + p);
                layer_norm(
                    row,
                    &self.embedding_norm.weight,
                    &self.embedding_norm.bias,
                    eps,
                );
            });
        let mut qkv = vec![0.0f32; rows * 3 * hidden];
        let mut context = vec![0.0f32; rows * hidden];
        let mut attended = vec![0.0f32; rows * hidden];
        let mut intermediate = vec![0.0f32; rows * self.intermediate];
        let mut output = vec![0.0f32; rows * hidden];
        for layer in &self.layers {
            matmul(&mut qkv, &x, &layer.qkv_weight, rows, hidden, 3 * hidden);
            qkv.par_chunks_mut(3 * hidden).for_each(|row| {
                row.iter_mut()
                    .zip(&layer.qkv_bias)
                    .for_each(|(v, b)| *v += b);
            });
            attend(&qkv, starts, self.heads, hidden, &mut context);
            matmul(
                &mut attended,
                &context,
                &layer.attention_out_weight,
                rows,
                hidden,
                hidden,
            );
            add_and_normalise(
                &mut attended,
                &layer.attention_out_bias,
                &x,
                &layer.attention_norm,
                eps,
            );
            matmul(
                &mut intermediate,
                &attended,
                &layer.intermediate_weight,
                rows,
                hidden,
                self.intermediate,
            );
            intermediate
                .par_chunks_mut(self.intermediate * ROWS_PER_TASK)
                .for_each(|chunk| add_bias_gelu(chunk, &layer.intermediate_bias));
            matmul(
                &mut output,
                &intermediate,
                &layer.output_weight,
                rows,
                self.intermediate,
                hidden,
            );
            add_and_normalise(
                &mut output,
                &layer.output_bias,
                &attended,
                &layer.output_norm,
                eps,
            );
            // The layer's output takes `x`'s place; the old `x` becomes the next scratch buffer.
            std::mem::swap(&mut x, &mut output);
        }
        x
    }
}

/// Multi-head self-attention within each sentence: `qkv` rows hold the (pre-scaled) queries,
/// keys and values of the packed tokens, `starts` bounds each sentence, and the heads' results
/// are merged back into `context` rows.
fn attend(qkv: &[f32], starts: &[usize], heads: usize, hidden: usize, context: &mut [f32]) {
    // Each sentence's context rows, split off so the sentences run in parallel.
    let mut sentences = Vec::with_capacity(starts.len().saturating_sub(1));
    let mut rest = context;
    for bounds in starts.windows(2) {
        let (sentence, tail) = rest.split_at_mut((bounds[1] - bounds[0]) * hidden);
        sentences.push((bounds[0], sentence));
        rest = tail;
    }
    sentences
        .into_par_iter()
        .for_each(|(start, sentence_context)| {
            let len = sentence_context.len() / hidden;
            let rows = &qkv[start * 3 * hidden..(start + len) * 3 * hidden];
            attend_sentence(rows, heads, hidden, sentence_context);
        });
}

/// Keys whose scores one pass of a query computes, their partial sums held in registers.
const KEY_BLOCK: usize = 32;

/// Attention within one sentence. Each head's keys are copied transposed first (padded with
/// zeros to whole blocks), so that a query's scores and its weighted sum of values are runs of
/// multiply-adds along contiguous memory.
#[inline(always)]
fn attend_sentence_kernel(rows: &[f32], heads: usize, hidden: usize, context: &mut [f32]) {
    let head_dim = hidden / heads;
    let width = 3 * hidden;
    let len = context.len() / hidden;
    let padded = len.div_ceil(KEY_BLOCK) * KEY_BLOCK;
    // One head's keys: component d of key j at `d * padded + j`.
    let mut keys = vec![0.0f32; head_dim * padded];
    let mut weights = vec![0.0f32; padded];
    for head in 0..heads {
        let at = head * head_dim;
        for (j, row) in rows.chunks_exact(width).enumerate() {
            for (d, &k) in row[hidden + at..][..head_dim].iter().enumerate() {
                keys[d * padded + j] = k;
            }
        }
        for (row, out_row) in rows
            .chunks_exact(width)
            .zip(context.chunks_exact_mut(hidden))
        {
            let query = &row[at..at + head_dim];
            for (block, scores) in weights.chunks_exact_mut(KEY_BLOCK).enumerate() {
                let mut sums = [0.0f32; KEY_BLOCK];
                for (&q, components) in query.iter().zip(keys.chunks_exact(padded)) {
                    let components = &components[block * KEY_BLOCK..][..KEY_BLOCK];
                    sums.iter_mut()
                        .zip(components)
                        .for_each(|(sum, k)| *sum += q * k);
                }
                scores.copy_from_slice(&sums);
            }
            let weights = &mut weights[..len];
            softmax(weights);
            let out = &mut out_row[at..at + head_dim];
            out.fill(0.0);
            for (&weight, value_row) in weights.iter().zip(rows.chunks_exact(width)) {
                out.iter_mut()
                    .zip(&value_row[2 * hidden + at..][..head_dim])
                    .for_each(|(o, v)| *o += weight * v);
            }
        }
    }
}

wide!(attend_sentence = attend_sentence_kernel(rows: &[f32], heads: usize, hidden: usize, context: &mut [f32]));

/// Softmax of one row in place, shifted by the row maximum so that no exponential overflows.
#[inline(always)]
fn softmax(row: &mut [f32]) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut total = 0.0;
    for weight in row.iter_mut() {
        *weight = (*weight - max).exp();
        total += *weight;
    }
    for weight in row.iter_mut() {
        *weight /= total;
    }
}

/// `target = LayerNorm(target + bias + residual)` row by row: the epilogue of a BERT sublayer.
fn add_and_normalise(target: &mut [f32], bias: &[f32], residual: &[f32], norm: &Norm, eps: f32) {
    let hidden = bias.len();
    target
        .par_chunks_mut(hidden * ROWS_PER_TASK)
        .zip(residual.par_chunks(hidden * ROWS_PER_TASK))
        .for_each(|(rows, residual_rows)| {
            add_normalise_rows(rows, bias, residual_rows, &norm.weight, &norm.bias, eps);
        });
}

/// `LayerNorm(row + bias + residual row)` for each row of `rows`, in place.
#[inline(always)]
fn add_normalise_rows_kernel(
    rows: &mut [f32],
    bias: &[f32],
    residual: &[f32],
    norm_weight: &[f32],
    norm_bias: &[f32],
    eps: f32,
) {
    let hidden = bias.len();
    for (row, residual_row) in rows
        .chunks_exact_mut(hidden)
        .zip(residual.chunks_exact(hidden))
    {
        row.iter_mut()
            .zip(bias.iter().zip(residual_row))
            .for_each(|(v, (b, r))| *v += b + r);
        layer_norm(row, norm_weight, norm_bias, eps);
    }
}

wide!(
    add_normalise_rows = add_normalise_rows_kernel(
        rows: &mut [f32],
        bias: &[f32],
        residual: &[f32],
        norm_weight: &[f32],
        norm_bias: &[f32],
        eps: f32,
    )
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gelu_matches_the_erf_form() {
        // 0.5 x (1 + erf(x / sqrt 2)) in f64 (Python's math.erf).
        let known: [(f32, f64); 8] = [
            (-3.0, -0.004_049_694_094_890_31),
            (-1.0, -0.158_655_253_931_457_07),
            (-0.5, -0.154_268_769_362_993_44),
            (0.0, 0.0),
            (0.5, 0.345_731_230_637_006_56),
            (1.0, 0.841_344_746_068_542_9),
            (2.0, 1.954_499_736_103_641_6),
            (10.0, 10.0),
        ];
        for (x, expected) in known {
            // Within a couple of f32 steps of the f64 value.
            let tolerance = 2e-7 * (1.0 + expected.abs());
            assert!(
                (f64::from(gelu(x)) - expected).abs() < tolerance,
                "gelu({x}) = {}",
                gelu(x)
            );
        }
    }

    #[test]
    fn layer_norm_centres_and_scales() {
        let mut row = [1.0, 2.0, 3.0, 4.0];
        layer_norm(
            &mut row,
            &[1.0, 1.0, 2.0, 1.0],
            &[0.0, 0.0, 0.0, 0.5],
            1e-12,
        );
        // mean 2.5, variance 1.25: (x - 2.5) / sqrt(1.25), then scale and shift.
        let s = 1.25f32.sqrt();
        let expected = [-1.5 / s, -0.5 / s, 2.0 * 0.5 / s, 1.5 / s + 0.5];
        for (got, want) in row.iter().zip(expected) {
            assert!((got - want).abs() < 1e-6, "{row:?}");
        }
    }

    #[test]
    fn layer_norm_of_a_row_longer_than_its_lanes_matches_float64() {
        // 37 values: two whole lane chunks of the sums and a tail.
        let values = pseudo_random(37, 3);
        let (weight, bias) = (pseudo_random(37, 4), pseudo_random(37, 5));
        let mut row = values.clone();
        layer_norm(&mut row, &weight, &bias, 1e-12);
        let mean = values.iter().map(|&x| f64::from(x)).sum::<f64>() / 37.0;
        let variance = values
            .iter()
            .map(|&x| (f64::from(x) - mean).powi(2))
            .sum::<f64>()
            / 37.0;
        for (i, got) in row.iter().enumerate() {
            let expected = (f64::from(values[i]) - mean) / variance.sqrt() * f64::from(weight[i])
                + f64::from(bias[i]);
            assert!(
                (f64::from(*got) - expected).abs() < 1e-5,
                "{i}: {got} vs {expected}"
            );
        }
    }

    #[test]
    fn mean_pool_averages_rows_and_normalises() {
        let pooled = mean_pool_normalised(&[3.0, 0.0, 1.0, 8.0], 2);
        // mean (2, 4), length sqrt(20)
        let length = 20f32.sqrt();
        assert!((pooled[0] - 2.0 / length).abs() < 1e-7 && (pooled[1] - 4.0 / length).abs() < 1e-7);
        assert_eq!(mean_pool_normalised(&[], 3), vec![0.0; 3]);
    }

    /// Deterministic values in [-1, 1): the tests need no random-number crate.
    fn pseudo_random(count: usize, seed: u64) -> Vec<f32> {
        let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (0..count)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                ((state >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
            })
            .collect()
    }

    #[test]
    fn attention_matches_a_float64_softmax_even_past_the_f32_exp_range() {
        let (heads, head_dim) = (2, 4);
        let hidden = heads * head_dim;
        // Three sentences, of 5, 3 and 37 tokens: the last spans two blocks of keys.
        let starts = [0, 5, 8, 45];
        for scale in [1.0f32, 30.0, -30.0] {
            let mut qkv = pseudo_random(45 * 3 * hidden, 7);
            for row in qkv.chunks_exact_mut(3 * hidden) {
                // Scores of about scale * |q| |k|: far past exp's f32 range for scale 30.
                row[hidden..2 * hidden].iter_mut().for_each(|k| *k *= scale);
            }
            let mut context = vec![0.0; 45 * hidden];
            attend(&qkv, &starts, heads, hidden, &mut context);
            for bounds in starts.windows(2) {
                for i in bounds[0]..bounds[1] {
                    for head in 0..heads {
                        let at = |row: usize, part: usize, d: usize| {
                            f64::from(qkv[row * 3 * hidden + part * hidden + head * head_dim + d])
                        };
                        let scores: Vec<f64> = (bounds[0]..bounds[1])
                            .map(|j| (0..head_dim).map(|d| at(i, 0, d) * at(j, 1, d)).sum())
                            .collect();
                        let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                        let weights: Vec<f64> = scores.iter().map(|s| (s - max).exp()).collect();
                        let total: f64 = weights.iter().sum();
                        for d in 0..head_dim {
                            let expected: f64 = (bounds[0]..bounds[1])
                                .zip(&weights)
                                .map(|(j, w)| w * at(j, 2, d))
                                .sum::<f64>()
                                / total;
                            let got = f64::from(context[i * hidden + head * head_dim + d]);
                            assert!(
                                (got - expected).abs() < 1e-5,
                                "scale {scale}: {got} vs {expected}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// A two-layer encoder of random weights, 8 wide, 2 heads, 16 intermediate, 20 word ids.
    fn tiny_encoder() -> Encoder {
        let (hidden, intermediate, vocabulary, max_positions) = (8, 16, 20, 6);
        let mut seed = 0;
        let mut values = |count: usize| {
            seed += 1;
            pseudo_random(count, seed)
        };
        let norm = |values: &mut dyn FnMut(usize) -> Vec<f32>| Norm {
            weight: values(hidden).iter().map(|v| 1.0 + 0.5 * v).collect(),
            bias: values(hidden),
        };
        let layers = (0..2)
            .map(|_| Layer {
                qkv_weight: values(hidden * 3 * hidden),
                qkv_bias: values(3 * hidden),
                attention_out_weight: values(hidden * hidden),
                attention_out_bias: values(hidden),
                attention_norm: norm(&mut values),
                intermediate_weight: values(hidden * intermediate),
                intermediate_bias: values(intermediate),
                output_weight: values(intermediate * hidden),
                output_bias: values(hidden),
                output_norm: norm(&mut values),
            })
            .collect();
        Encoder {
            hidden,
            heads: 2,
            intermediate,
            layer_norm_eps: 1e-12,
            vocabulary,
            max_positions,
            word_embeddings: values(vocabulary * hidden),
            position_embeddings: values(max_positions * hidden),
            embedding_norm: norm(&mut values),
            layers,
        }
    }

    #[test]
    fn a_batch_of_ragged_rows_equals_its_rows_one_by_one() {
        let encoder = tiny_encoder();
        let rows = [
            vec![3, 7, 11],
            vec![19, 5, 2, 9, 14, 1],
            vec![8],
            vec![6, 4],
        ];
        let batch = encoder.encode(&rows).unwrap();
        assert_eq!(batch.len(), rows.len() * 8);
        for (row, vector) in rows.iter().zip(batch.chunks_exact(8)) {
            let alone = encoder.encode(std::slice::from_ref(row)).unwrap();
            for (a, b) in alone.iter().zip(vector) {
                assert!((a - b).abs() < 1e-6, "{row:?}: {alone:?} vs {vector:?}");
            }
            let length: f32 = vector.iter().map(|v| v * v).sum::<f32>().sqrt();
            assert!((length - 1.0).abs() < 1e-5);
        }
        // Distinct sentences, distinct vectors: the pass is not constant.
        assert!(
            batch[..8]
                .iter()
                .zip(&batch[8..16])
                .any(|(a, b)| (a - b).abs() > 1e-3)
        );
        // A token's position counts: the same ids in another order give another vector.
        let reordered = encoder.encode(&[vec![11, 7, 3]]).unwrap();
        assert!(
            reordered
                .iter()
                .zip(&batch[..8])
                .any(|(a, b)| (a - b).abs() > 1e-3)
        );
        assert!(encoder.encode(&[]).unwrap().is_empty());
    }

    #[test]
    fn rows_that_do_not_fit_the_model_are_refused_by_number() {
        let encoder = tiny_encoder();
        let refusal = |rows: &[Vec<u32>]| match encoder.encode(rows) {
            Err(EncoderError::Input(message)) => message,
            other => panic!("{rows:?} gave {other:?}"),
        };
        // The tiny encoder has 6 positions and 20 word ids.
        assert_eq!(
            refusal(&[vec![1, 2], vec![]]),
            "row 1 has no tokens: a sentence needs at least one"
        );
        assert_eq!(
            refusal(&[vec![1], vec![2], vec![1; 7]]),
            "row 2 has 7 tokens, more than the model's 6 positions"
        );
        assert_eq!(
            refusal(&[vec![19, 20]]),
            "row 0: token id 20 is outside the vocabulary of 20"
        );
        assert!(encoder.encode(&[vec![1; 6]]).is_ok());
    }
}
