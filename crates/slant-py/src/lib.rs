//! `slant._native`: the Rust side of the Python package `slant`.
//!
//! This module owns the crossing between Python and the engine: it turns
//! Python arguments into a `Config` and records, runs the analysis with the
//! interpreter released (on several threads for many articles), and turns
//! the rows of `slant_tables` back into Python objects. It must not shape a
//! row or parse a record itself: `slant_tables` does, for `slant batch` too,
//! so that both give the same rows. The Python API, with its docstrings, is
//! `python/slant/__init__.py`. Precise mode's model is read once per path
//! and kept (read-only, shared by the analysis threads).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyFileNotFoundError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::Value;
use slant_core::Config;
use slant_model::Model;
use slant_tables::{Rows, Skip, Table};

/// The last model read, with its path: most programs use one model, and reading it takes a while.
static MODEL: Mutex<Option<(PathBuf, Arc<Model>)>> = Mutex::new(None);

/// The model at `path`, read once and kept.
fn model(py: Python<'_>, path: &str) -> PyResult<Arc<Model>> {
    let path = PathBuf::from(path);
    let mut kept = MODEL
        .lock()
        .map_err(|_| PyValueError::new_err("the model cache failed; please report this"))?;
    if let Some((p, m)) = kept.as_ref()
        && *p == path
    {
        return Ok(Arc::clone(m));
    }
    let loaded = py
        .detach(|| slant_tables::load_model(&path))
        .map_err(PyValueError::new_err)?;
    let loaded = Arc::new(loaded);
    *kept = Some((path, Arc::clone(&loaded)));
    Ok(loaded)
}

/// The first of `candidates` that is a file, then the repository this
/// extension was built from; `FileNotFoundError` naming every place tried.
#[pyfunction]
fn find_model(candidates: Vec<String>) -> PyResult<String> {
    let mut paths: Vec<PathBuf> = candidates.into_iter().map(PathBuf::from).collect();
    paths.push(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(slant_tables::MODEL_PATH),
    );
    slant_tables::find_model(&paths, "pass model=FILE or set SLANT_MODEL")
        .map(|p| p.display().to_string())
        .map_err(PyFileNotFoundError::new_err)
}

/// The columns the cells table gains in precise mode.
#[pyfunction]
fn precise_columns() -> Vec<&'static str> {
    slant_tables::PRECISE_COLUMNS.to_vec()
}

/// The config for an actors file given as TOML text or as JSON.
fn config(actors_toml: Option<&str>, actors_json: Option<&str>) -> PyResult<Config> {
    let mut config = Config::default();
    let edits = match (actors_toml, actors_json) {
        (Some(toml), _) => Some(slant_tables::parse_actors(toml)),
        (None, Some(json)) => Some(slant_tables::parse_actors_json(json)),
        (None, None) => None,
    };
    if let Some(edits) = edits {
        config.actors = edits.map_err(|e| PyValueError::new_err(format!("the actors are not valid: {e}")))?;
    }
    Ok(config)
}

/// The engine version and data hash, as `slant 0.1.0+data.0123456789ab`.
#[pyfunction]
fn provenance() -> String {
    slant_tables::provenance()
}

/// The engine's version, as `0.1.0`.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Each table's columns, in order.
#[pyfunction]
fn columns() -> Vec<(&'static str, Vec<&'static str>)> {
    Table::ALL.iter().map(|t| (t.name(), t.columns())).collect()
}

/// The JSON report of one text, as `slant analyze --format json` prints it
/// (compact); with `model_path`, precise mode's `precise` field too.
#[pyfunction]
#[pyo3(signature = (text, actors_toml=None, actors_json=None, model_path=None))]
fn analyze_json(
    py: Python<'_>,
    text: String,
    actors_toml: Option<&str>,
    actors_json: Option<&str>,
    model_path: Option<&str>,
) -> PyResult<String> {
    let config = config(actors_toml, actors_json)?;
    let model = model_path.map(|p| model(py, p)).transpose()?;
    py.detach(move || {
        let report = slant_core::analyze(&text, &config);
        let verdicts = model.map(|m| slant_model::precise::analyze(&m, &report, &config));
        slant_tables::report_json(&report, verdicts.as_ref(), false)
    })
    .map_err(PyValueError::new_err)
}

/// The tidy tables of JSON records (one object with a `text` each), as
/// `slant batch` makes them: a dict of table name to a list of row dicts,
/// plus `skipped`, the records left out and why. With `model_path`, the
/// cells rows carry precise mode's model columns.
#[pyfunction]
#[pyo3(signature = (lines, numbers, threads=None, actors_toml=None, actors_json=None, max_bytes=None, model_path=None))]
#[allow(clippy::too_many_arguments)]
fn analyze_lines<'py>(
    py: Python<'py>,
    lines: Vec<String>,
    numbers: Vec<u64>,
    threads: Option<usize>,
    actors_toml: Option<&str>,
    actors_json: Option<&str>,
    max_bytes: Option<usize>,
    model_path: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    if numbers.len() != lines.len() {
        return Err(PyValueError::new_err(format!(
            "numbers has {} items for {} records: give one number per record",
            numbers.len(),
            lines.len()
        )));
    }
    if threads == Some(0) {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    let mut config = config(actors_toml, actors_json)?;
    let model = model_path.map(|p| model(py, p)).transpose()?;
    let precise = model.is_some();
    // As in `slant batch`: the cap skips longer texts, and the engine reads up to it.
    let max_bytes = max_bytes.unwrap_or(config.max_bytes);
    config.max_bytes = max_bytes;
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
        .min(lines.len().max(1));
    let provenance = slant_tables::provenance_with(model.as_deref());
    let results = py.detach(|| {
        let next = AtomicUsize::new(0);
        let mut parts: Vec<Vec<(usize, Result<Rows, Skip>)>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(line) = lines.get(i) else { return done };
                            done.push((
                                i,
                                slant_tables::analyze_record(
                                    numbers[i],
                                    line,
                                    &config,
                                    max_bytes,
                                    &provenance,
                                    model.as_deref(),
                                ),
                            ));
                        }
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().unwrap_or_default()).collect()
        });
        let mut all: Vec<(usize, Result<Rows, Skip>)> = parts.iter_mut().flat_map(std::mem::take).collect();
        all.sort_by_key(|(i, _)| *i);
        all
    });
    if results.len() != lines.len() {
        return Err(PyValueError::new_err("an analysis thread failed; please report this"));
    }

    let out = PyDict::new(py);
    let mut lists = Vec::new();
    for table in Table::ALL {
        let keys: Vec<Bound<'py, PyString>> = table
            .columns_for(precise)
            .iter()
            .map(|c| PyString::intern(py, c))
            .collect();
        let list = PyList::empty(py);
        out.set_item(table.name(), &list)?;
        lists.push((table, keys, list));
    }
    let skipped = PyList::empty(py);
    out.set_item("skipped", &skipped)?;
    for (i, result) in results {
        match result {
            Ok(rows) => {
                for (table, keys, list) in &lists {
                    for row in rows.get(*table) {
                        let dict = PyDict::new(py);
                        for (key, value) in keys.iter().zip(row) {
                            dict.set_item(key, to_py(py, value)?)?;
                        }
                        list.append(dict)?;
                    }
                }
            }
            Err(skip) => {
                let dict = PyDict::new(py);
                dict.set_item("article", numbers[i])?;
                dict.set_item("id", skip.id)?;
                dict.set_item("reason", skip.reason)?;
                skipped.append(dict)?;
            }
        }
    }
    Ok(out)
}

/// A flat JSON value as a Python object.
fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        // Rows are flat; a list or object (never made) is written as JSON.
        v => PyString::new(py, &v.to_string()).into_any(),
    })
}

/// The native half of the `slant` package.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(provenance, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(columns, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_json, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_lines, m)?)?;
    m.add_function(wrap_pyfunction!(find_model, m)?)?;
    m.add_function(wrap_pyfunction!(precise_columns, m)?)?;
    Ok(())
}
