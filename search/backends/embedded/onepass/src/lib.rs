//! A search's total, its facet counts and its page of hits, in one walk over its matches.
//!
//! The Python bindings of tantivy answer each of these with a run of their own over the text
//! query: a facet count under all filters, one more per filtered facet (a facet is counted under
//! every filter but its own), and the hits. On a common word at 1 000 000 documents each run
//! cost 6-15 ms, most of it in walking the word's postings. Here the words' query is walked
//! once, without the facet filters: each match's facet values are read from their columns, a
//! block of matches at a time, and the filters it fails decide what it counts for. Passing them
//! all, it counts for every facet and the total; failing one, for that facet only. The index's
//! documents are cut into as many ranges as there are threads, each walked by one.
//!
//! The page of several words is kept by the walk, which then scores every match; that of one
//! word is found apart, by tantivy's block-max WAND (see `Top`), which skips most of them.
//! Either way the hits are tantivy's own, with its scores (BM25 with the statistics of the
//! whole index) in its order: by score, then by address.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};
use std::sync::atomic::{AtomicU32, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use tantivy::columnar::StrColumn;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EnableScoring, Occur, Query, TermQuery,
    TermSetQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption, Schema, Value};
use tantivy::{
    BitSet, DocAddress, DocId, DocSet, IndexReader, ReloadPolicy, SegmentReader, TantivyDocument, Term,
    TERMINATED,
};

fn error(error: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(error.to_string())
}

/// An index directory, opened for reading.
#[pyclass(frozen)]
struct Index {
    reader: IndexReader,
    schema: Schema,
}

#[pymethods]
impl Index {
    #[new]
    fn new(path: &str) -> PyResult<Self> {
        let index = tantivy::Index::open_in_dir(path).map_err(error)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(error)?;
        Ok(Index { schema: index.schema(), reader })
    }

    /// A searcher on the index's last commit.
    fn searcher(&self, py: Python<'_>) -> PyResult<Searcher> {
        py.detach(|| self.reader.reload()).map_err(error)?;
        Ok(Searcher { inner: self.reader.searcher(), schema: self.schema.clone(), counted: Mutex::default() })
    }
}

/// One facet of a search, a dict: `column` holds its values (with `split`, each a
/// space-separated set of them); `chosen`, if any, are the values the search is filtered by;
/// `counted`, whether its counts are wanted.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct Facet {
    name: String,
    column: String,
    split: bool,
    chosen: Option<Vec<String>>,
    counted: bool,
}

/// A clause of a query word: `term` in `field`, its score times `boost`.
type Clause = (String, String, f32);
type Counts = HashMap<String, HashMap<String, u64>>;
/// A hit: its score (by date, its day), its segment and its document there.
type Hit = (f32, u32, u32);
/// Documents of a segment that `vocabulary` counts.
type Counted = Arc<BitSet>;

/// A snapshot of the index: every search on it sees the same documents.
#[pyclass(frozen)]
struct Searcher {
    inner: tantivy::Searcher,
    schema: Schema,
    /// The documents that `vocabulary` counts, by segment and filter: marking them took 0.5 ms
    /// at 1 000 000 documents, ten times the rest of completing a word (see `counted_documents`).
    counted: Mutex<HashMap<(u32, Option<Term>), Counted>>,
}

#[pymethods]
impl Searcher {
    /// The search's total, its facet counts and its hits from `offset` to `offset + limit`.
    ///
    /// Every word must match (with `any_word`, one), each by one of its clauses; a document
    /// translated into `translated` matches nothing. Hits are ordered by score, or newest first
    /// `by_date` (by the `day` column).
    #[pyo3(signature = (words, facets, *, any_word=false, translated=None, by_date=false, offset=0, limit=20, threads=2))]
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        py: Python<'_>,
        words: Vec<Vec<Clause>>,
        facets: Vec<Facet>,
        any_word: bool,
        translated: Option<String>,
        by_date: bool,
        offset: usize,
        limit: usize,
        threads: usize,
    ) -> PyResult<(u64, Counts, Vec<Hit>)> {
        let keep = (offset + limit).max(1);
        let threads = threads.max(1);
        // A filter whose facet is not counted narrows the walk's query itself: documents that
        // fail it count for nothing, and tantivy then skips them in the postings (a search for
        // ten words of a type took half the time so).
        let (narrowing, walked): (Vec<&Facet>, Vec<&Facet>) =
            facets.iter().partition(|facet| facet.chosen.is_some() && !facet.counted);
        let word_queries =
            words.iter().map(|clauses| self.word_query(clauses)).collect::<PyResult<Vec<_>>>()?;
        let query = self.query(word_queries, any_word, translated.as_deref(), &narrowing)?;
        // The page of one word is found by WAND (see `best`); the walk then only counts.
        // Several words the walk scores: WAND over all their clauses in one union, passing over
        // the documents without every word, took twice as long at 1 000 000 documents, and five
        // times as long for any of ten words.
        let order = match words.len() {
            0 => Order::Newest,
            _ if by_date => Order::Newest,
            1 => Order::Pruned,
            _ => Order::Score,
        };
        let scoring = if order == Order::Score {
            EnableScoring::enabled_from_searcher(&self.inner)
        } else {
            EnableScoring::disabled_from_searcher(&self.inner)
        };
        let weight = query.weight(scoring).map_err(error)?;
        let walk = Walk { facets: &walked, order, keep };
        let mut found = py
            .detach(|| {
                in_threads(
                    ranges(&self.inner, threads),
                    |ranges| walk.run(&self.inner, weight.as_ref(), ranges),
                    keep,
                )
            })
            .map_err(error)?;
        if order == Order::Pruned {
            found.hits = self.best(py, &words[0], &facets, translated.as_deref(), keep, threads)?;
        }
        // Sorted as `Reverse`s: the best hit first.
        let page = found
            .hits
            .into_sorted_vec()
            .into_iter()
            .skip(offset)
            .map(|Reverse(hit)| (hit.key, hit.segment, hit.doc))
            .collect();
        let counts =
            walked.iter().zip(found.counts).map(|(facet, counts)| (facet.name.clone(), counts)).collect();
        Ok((found.total, counts, page))
    }

    /// The terms of `field` that begin with `prefix`, each with how many live documents hold it
    /// (`within`, a field and a term: only documents holding that term too), the most frequent
    /// first, then in order, at most `limit`; terms that no such document holds are left out. The Python bindings' `terms_with_prefix` with a filter query gives the same, but
    /// runs the filter against every term's postings: a common prefix at 1 000 000 documents
    /// cost 7 ms. Here a term's count is its document frequency unless the segment has deleted
    /// documents or `within` filters, and only then are its postings read.
    #[pyo3(signature = (field, prefix, *, within=None, limit=None))]
    fn vocabulary(
        &self,
        py: Python<'_>,
        field: &str,
        prefix: &str,
        within: Option<(String, String)>,
        limit: Option<usize>,
    ) -> PyResult<Vec<(String, u64)>> {
        let field = self.field(field)?;
        let counts =
            py.detach(|| self.counted_terms(field, prefix.as_bytes(), within.as_ref())).map_err(error)?;
        let mut terms = counts
            .into_iter()
            .map(|(term, count)| Ok((String::from_utf8(term).map_err(error)?, count)))
            .collect::<PyResult<Vec<_>>>()?;
        terms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        terms.truncate(limit.unwrap_or(usize::MAX));
        Ok(terms)
    }

    /// The stored `source` of each (segment, document) address.
    fn sources<'py>(
        &self,
        py: Python<'py>,
        addresses: Vec<(u32, u32)>,
    ) -> PyResult<Vec<Bound<'py, PyBytes>>> {
        let field = self.field("source")?;
        let mut sources = Vec::with_capacity(addresses.len());
        for (segment, doc) in addresses {
            let document: TantivyDocument = self.inner.doc(DocAddress::new(segment, doc)).map_err(error)?;
            let source = document.get_first(field).and_then(|value| value.as_bytes()).unwrap_or_default();
            sources.push(PyBytes::new(py, source));
        }
        Ok(sources)
    }
}

impl Searcher {
    /// The best `keep` hits of one word under the facets' filters.
    ///
    /// The word's clauses are a union of terms, whose best hits tantivy's block-max WAND finds
    /// without scoring every match (at 1 000 000 documents a common word's page cost a sixth
    /// of scoring all its matches). See Top for how its hits get the search's own scores and
    /// order.
    #[allow(clippy::too_many_arguments)]
    fn best(
        &self,
        py: Python<'_>,
        word: &[Clause],
        facets: &[Facet],
        translated: Option<&str>,
        keep: usize,
        threads: usize,
    ) -> PyResult<BinaryHeap<Reverse<Ranked>>> {
        let union = self
            .word_query(word)?
            .weight(EnableScoring::enabled_from_searcher(&self.inner))
            .map_err(error)?;
        let required = facets
            .iter()
            .filter(|facet| facet.chosen.is_some())
            .map(|facet| self.lookup(self.chosen_query(facet)?))
            .collect::<PyResult<Vec<_>>>()?;
        let excluded =
            translated.map(|language| self.lookup(self.translated_query(language)?)).transpose()?;
        // The search's own query without its filters, which add nothing to the score.
        let scored = self.query(vec![self.word_query(word)?], false, None, &[])?;
        let scored = scored.weight(EnableScoring::enabled_from_searcher(&self.inner)).map_err(error)?;
        let top = Top {
            required: &required,
            excluded: excluded.as_deref(),
            scored: scored.as_ref(),
            keep,
            shared: AtomicU32::new(0),
        };
        let best = py.detach(|| {
            in_threads(
                segments(&self.inner, threads),
                |segments| top.run(&self.inner, union.as_ref(), segments),
                keep,
            )
        });
        Ok(best.map_err(error)?.hits)
    }

    /// The live documents holding each term of `field` under `prefix` (see `vocabulary`).
    fn counted_terms(
        &self,
        field: Field,
        prefix: &[u8],
        within: Option<&(String, String)>,
    ) -> tantivy::Result<HashMap<Vec<u8>, u64>> {
        let within = match within {
            Some((field, value)) => Some(Term::from_field_text(self.schema.get_field(field)?, value)),
            None => None,
        };
        let mut counts: HashMap<Vec<u8>, u64> = HashMap::new();
        for (segment, reader) in self.inner.segment_readers().iter().enumerate() {
            let index = reader.inverted_index(field)?;
            let mut terms = index.terms().range().ge(prefix).into_stream()?;
            // The documents counted, if not all, looked up for every term.
            let mut counted: Option<Counted> = None;
            while terms.advance() {
                if !terms.key().starts_with(prefix) {
                    break;
                }
                let info = terms.value();
                let count = if reader.alive_bitset().is_none() && within.is_none() {
                    u64::from(info.doc_freq)
                } else {
                    let counted = match &counted {
                        Some(counted) => counted,
                        None => counted.insert(self.counted_documents(segment as u32, within.as_ref())?),
                    };
                    let mut postings =
                        index.read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?;
                    let mut count = 0;
                    while !postings.docs().is_empty() {
                        count += postings.docs().iter().filter(|&&doc| counted.contains(doc)).count() as u64;
                        postings.advance();
                    }
                    count
                };
                if count > 0 {
                    *counts.entry(terms.key().to_vec()).or_default() += count;
                }
            }
        }
        Ok(counts)
    }

    /// A segment's live documents holding `within` (all its live documents without it), kept
    /// with the searcher.
    fn counted_documents(&self, segment: u32, within: Option<&Term>) -> tantivy::Result<Counted> {
        let key = (segment, within.cloned());
        if let Some(counted) = self.counted.lock().unwrap().get(&key) {
            return Ok(counted.clone());
        }
        let reader = self.inner.segment_reader(segment);
        let mut counted = BitSet::with_max_value(reader.max_doc());
        let alive = reader.alive_bitset();
        let mut mark = |doc: DocId| {
            if alive.is_none_or(|alive| alive.is_alive(doc)) {
                counted.insert(doc);
            }
        };
        match within {
            None => (0..reader.max_doc()).for_each(mark),
            Some(term) => {
                if let Some(mut postings) =
                    reader.inverted_index(term.field())?.read_postings(term, IndexRecordOption::Basic)?
                {
                    let mut doc = postings.doc();
                    while doc != TERMINATED {
                        mark(doc);
                        doc = postings.advance();
                    }
                }
            }
        }
        let counted = Arc::new(counted);
        self.counted.lock().unwrap().insert(key, counted.clone());
        Ok(counted)
    }

    fn field(&self, name: &str) -> PyResult<Field> {
        self.schema.get_field(name).map_err(error)
    }

    /// A query word: a union of its boosted clauses.
    fn word_query(&self, clauses: &[Clause]) -> PyResult<Box<dyn Query>> {
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(clauses.len());
        for (field, term, boost) in clauses {
            let term = Term::from_field_text(self.field(field)?, term);
            let term_query = TermQuery::new(term, IndexRecordOption::WithFreqs);
            alternatives.push((Occur::Should, Box::new(BoostQuery::new(Box::new(term_query), *boost))));
        }
        Ok(Box::new(BooleanQuery::new(alternatives)))
    }

    /// The words all required (with `any_word`, their union required), a document translated
    /// into `translated` left out, and one of the chosen values of each facet of `narrowing`
    /// required (adding nothing to the score); built as the Python bindings build it, so that
    /// the scores are the same.
    fn query(
        &self,
        mut words: Vec<Box<dyn Query>>,
        any_word: bool,
        translated: Option<&str>,
        narrowing: &[&Facet],
    ) -> PyResult<Box<dyn Query>> {
        if any_word && words.len() > 1 {
            let any: Vec<_> = words.into_iter().map(|word| (Occur::Should, word)).collect();
            words = vec![Box::new(BooleanQuery::new(any))];
        }
        let mut required: Vec<(Occur, Box<dyn Query>)> =
            words.into_iter().map(|word| (Occur::Must, word)).collect();
        if required.is_empty() {
            required.push((Occur::Must, Box::new(AllQuery)));
        }
        for facet in narrowing {
            required.push((Occur::Must, Box::new(ConstScoreQuery::new(self.chosen_query(facet)?, 0.0))));
        }
        if let Some(language) = translated {
            required.push((Occur::MustNot, self.translated_query(language)?));
        }
        Ok(Box::new(BooleanQuery::new(required)))
    }

    /// The documents with one of the facet's chosen values.
    fn chosen_query(&self, facet: &Facet) -> PyResult<Box<dyn Query>> {
        let field = self.field(&facet.name)?;
        let mut terms: Vec<Term> =
            facet.chosen.iter().flatten().map(|value| Term::from_field_text(field, value)).collect();
        // One value is read straight from its postings; a term set marks a bitset of the index.
        Ok(if terms.len() == 1 {
            Box::new(TermQuery::new(terms.pop().unwrap(), IndexRecordOption::Basic))
        } else {
            Box::new(TermSetQuery::new(terms))
        })
    }

    /// A query's documents, to be looked up (unscored).
    fn lookup(&self, query: Box<dyn Query>) -> PyResult<Box<dyn Weight>> {
        query.weight(EnableScoring::disabled_from_searcher(&self.inner)).map_err(error)
    }

    fn translated_query(&self, language: &str) -> PyResult<Box<dyn Query>> {
        let term = Term::from_field_text(self.field("translations")?, language);
        Ok(Box::new(TermQuery::new(term, IndexRecordOption::Basic)))
    }
}

/// `work` on each of `shares` on a thread of its own, what they found joined (the best `keep`
/// hits of all).
fn in_threads<S: Sync>(
    shares: Vec<S>,
    work: impl Fn(&S) -> tantivy::Result<Found> + Sync,
    keep: usize,
) -> tantivy::Result<Found> {
    let parts: Vec<tantivy::Result<Found>> = std::thread::scope(|scope| {
        let running: Vec<_> = shares.iter().map(|share| scope.spawn(|| work(share))).collect();
        running.into_iter().map(|thread| thread.join().expect("a search thread panicked")).collect()
    });
    let mut parts = parts.into_iter();
    let mut all = parts.next().expect("at least one thread")?;
    for part in parts {
        all.add(part?, keep);
    }
    Ok(all)
}

/// Documents `start..end` of a segment.
struct Range {
    segment: u32,
    start: DocId,
    end: DocId,
}

/// The index's documents cut into `threads` lists of ranges of about equal length.
fn ranges(searcher: &tantivy::Searcher, threads: usize) -> Vec<Vec<Range>> {
    let total: u64 = searcher.segment_readers().iter().map(|reader| u64::from(reader.max_doc())).sum();
    let share = total.div_ceil(threads as u64).max(1);
    let mut lists: Vec<Vec<Range>> = vec![Vec::new()];
    let mut room = share;
    for (segment, reader) in searcher.segment_readers().iter().enumerate() {
        let mut start = 0;
        while start < reader.max_doc() {
            if room == 0 {
                lists.push(Vec::new());
                room = share;
            }
            let end = reader.max_doc().min(start.saturating_add(room.min(u64::from(u32::MAX)) as u32));
            lists.last_mut().unwrap().push(Range { segment: segment as u32, start, end });
            room -= u64::from(end - start);
            start = end;
        }
    }
    lists
}

/// The index's segments shared out among `threads`, each share in the index's order (see Top).
fn segments(searcher: &tantivy::Searcher, threads: usize) -> Vec<Vec<u32>> {
    let mut by_size: Vec<(u32, u32)> = searcher
        .segment_readers()
        .iter()
        .enumerate()
        .map(|(segment, reader)| (reader.max_doc(), segment as u32))
        .collect();
    by_size.sort_unstable_by(|a, b| b.cmp(a));
    let mut shares: Vec<(u64, Vec<u32>)> = vec![(0, Vec::new()); threads.min(by_size.len()).max(1)];
    for (size, segment) in by_size {
        let least = shares.iter_mut().min_by_key(|(load, _)| *load).unwrap();
        least.0 += u64::from(size);
        least.1.push(segment);
    }
    shares
        .into_iter()
        .map(|(_, mut share)| {
            share.sort_unstable();
            share
        })
        .collect()
}

/// A hit on the page being kept: best first is the highest key, then the lowest address.
#[derive(PartialEq)]
struct Ranked {
    key: f32,
    segment: u32,
    doc: u32,
}

impl Eq for Ranked {}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.total_cmp(&other.key).then_with(|| (other.segment, other.doc).cmp(&(self.segment, self.doc)))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// What one thread found: the matches under all filters, each facet's counts under all filters
/// but its own, and the best `keep` hits (the worst on top).
struct Found {
    total: u64,
    counts: Vec<HashMap<String, u64>>,
    hits: BinaryHeap<Reverse<Ranked>>,
}

impl Found {
    fn new(facets: usize) -> Self {
        Found { total: 0, counts: vec![HashMap::new(); facets], hits: BinaryHeap::new() }
    }

    /// The score a hit must beat to be kept.
    fn threshold(&self, keep: usize) -> f32 {
        match self.hits.peek() {
            Some(Reverse(worst)) if self.hits.len() >= keep => worst.key,
            _ => f32::MIN,
        }
    }

    fn offer(&mut self, hit: Ranked, keep: usize) {
        if self.hits.len() < keep {
            self.hits.push(Reverse(hit));
        } else if let Some(mut worst) = self.hits.peek_mut() {
            if hit > worst.0 {
                *worst = Reverse(hit);
            }
        }
    }

    fn add(&mut self, other: Found, keep: usize) {
        self.total += other.total;
        for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
            for (value, count) in theirs {
                *mine.entry(value).or_default() += count;
            }
        }
        for Reverse(hit) in other.hits {
            self.offer(hit, keep);
        }
    }
}

/// A facet's column in one segment: the value ordinals of each document, and for each ordinal
/// whether it is one of the chosen values; and the values of the block of documents in hand.
struct Column {
    values: Option<StrColumn>,
    chosen: Option<Vec<bool>>,
    // LANES counts a value, taken in turn: most documents have the same few values (one
    // language, say), and adding one to the same count over and over waits for each addition
    // to land before the next (a third of the walk's time, measured with perf).
    counts: Vec<[u64; LANES]>,
    // The block's values: for each, its document's place in the block and its ordinal.
    places: Vec<usize>,
    ords: Vec<u64>,
    docs: Vec<DocId>,
    rows: Vec<u32>,
}

impl Column {
    fn open(reader: &SegmentReader, facet: &Facet) -> tantivy::Result<Column> {
        let values = reader.fast_fields().str(&facet.column)?;
        let terms = values.as_ref().map_or(0, |column| column.num_terms());
        let chosen = match (&facet.chosen, &values) {
            (Some(chosen), Some(column)) => Some(
                (0..terms as u64)
                    .map(|ord| {
                        value_of(column, ord).map(|value| {
                            parts(&value, facet.split).any(|part| chosen.iter().any(|c| c == part))
                        })
                    })
                    .collect::<std::io::Result<Vec<bool>>>()?,
            ),
            (Some(_), None) => Some(Vec::new()),
            (None, _) => None,
        };
        Ok(Column {
            values,
            chosen,
            counts: vec![[0; LANES]; terms],
            places: Vec::new(),
            ords: Vec::new(),
            docs: Vec::new(),
            rows: Vec::new(),
        })
    }

    /// Reads the values of a block of documents (in the index's order), as tantivy's own
    /// aggregations do: in one go, far cheaper than document by document; with `placed`, also
    /// each value's document's place in the block.
    fn load(&mut self, block: &[DocId], placed: bool) {
        self.places.clear();
        self.ords.clear();
        let Some(column) = &self.values else { return };
        let ords = column.ords();
        self.docs.clear();
        self.rows.clear();
        ords.row_ids_for_docs(block, &mut self.docs, &mut self.rows);
        self.ords.resize(self.rows.len(), 0);
        ords.values.get_vals(&self.rows, &mut self.ords);
        if !placed {
            return;
        }
        if self.docs.len() == block.len() {
            // One value each (most columns): the block's own order.
            self.places.extend(0..block.len());
            return;
        }
        let mut place = 0;
        for &doc in &self.docs {
            while block[place] != doc {
                place += 1;
            }
            self.places.push(place);
        }
    }

    /// The counts by value, added to `into`.
    fn counted(&self, facet: &Facet, into: &mut HashMap<String, u64>) -> std::io::Result<()> {
        let Some(column) = &self.values else { return Ok(()) };
        for (ord, lanes) in self.counts.iter().enumerate() {
            let count: u64 = lanes.iter().sum();
            if count > 0 {
                for part in parts(&value_of(column, ord as u64)?, facet.split) {
                    *into.entry(part.to_owned()).or_default() += count;
                }
            }
        }
        Ok(())
    }
}

fn value_of(column: &StrColumn, ord: u64) -> std::io::Result<String> {
    let mut value = String::new();
    column.ord_to_str(ord, &mut value)?;
    Ok(value)
}

fn parts(value: &str, split: bool) -> impl Iterator<Item = &str> {
    let mut all = Some(value);
    let mut pieces = value.split(' ');
    std::iter::from_fn(move || if split { pieces.next() } else { all.take() })
}

/// Documents walked in blocks, as tantivy's collectors take them.
const BLOCK: usize = 64;
const LANES: usize = 4;

/// How a search's page is found.
#[derive(PartialEq, Clone, Copy)]
enum Order {
    /// By the walk, newest first (by the `day` column).
    Newest,
    /// By the walk, scoring every match.
    Score,
    /// Not by the walk: by WAND (Top).
    Pruned,
}

/// The walk over every match: the total and the facet counts, and unless the page is found by
/// WAND, the best `keep` hits.
struct Walk<'a> {
    facets: &'a [&'a Facet],
    order: Order,
    keep: usize,
}

impl Walk<'_> {
    /// One thread's walk over its ranges of the index.
    fn run(
        &self,
        searcher: &tantivy::Searcher,
        weight: &dyn Weight,
        ranges: &[Range],
    ) -> tantivy::Result<Found> {
        let mut found = Found::new(self.facets.len());
        let mut block: Vec<DocId> = Vec::with_capacity(BLOCK);
        let mut keys: Vec<f32> = Vec::with_capacity(BLOCK);
        for range in ranges {
            let reader = searcher.segment_reader(range.segment);
            let mut columns = self
                .facets
                .iter()
                .map(|facet| Column::open(reader, facet))
                .collect::<tantivy::Result<Vec<_>>>()?;
            let day = if self.order == Order::Newest { Some(reader.fast_fields().i64("day")?) } else { None };
            let alive = reader.alive_bitset();
            let mut scorer = weight.scorer(reader, 1.0)?;
            let mut doc = scorer.doc();
            if doc < range.start {
                doc = scorer.seek(range.start);
            }
            // TERMINATED, after the last match, is past every range's end.
            while doc < range.end {
                if alive.is_none_or(|alive| alive.is_alive(doc)) {
                    block.push(doc);
                    match (self.order, &day) {
                        (Order::Newest, Some(day)) => keys.push(day.first(doc).unwrap_or(0) as f32),
                        (Order::Score, _) => keys.push(scorer.score()),
                        _ => {}
                    }
                    if block.len() == BLOCK {
                        self.take(&block, &keys, &mut columns, &mut found, range.segment);
                        block.clear();
                        keys.clear();
                    }
                }
                doc = scorer.advance();
            }
            self.take(&block, &keys, &mut columns, &mut found, range.segment);
            block.clear();
            keys.clear();
            for ((column, facet), counts) in columns.iter().zip(self.facets).zip(found.counts.iter_mut()) {
                column.counted(facet, counts)?;
            }
        }
        Ok(found)
    }

    /// Counts a block of matches: one that passes every filter counts for every facet and the
    /// total (and is offered for the page), one that fails a single filter counts for that
    /// filter's facet only, one that fails more counts for nothing. The facets that filter are
    /// read for the whole block, the others only for the documents that pass every filter.
    fn take(&self, block: &[DocId], keys: &[f32], columns: &mut [Column], found: &mut Found, segment: u32) {
        if block.is_empty() {
            return;
        }
        let mut failures = [0u8; BLOCK];
        let mut failed = [0usize; BLOCK];
        for (i, column) in columns.iter_mut().enumerate() {
            if column.chosen.is_none() {
                continue;
            }
            column.load(block, true);
            let chosen = column.chosen.as_ref().unwrap();
            let mut passes = [false; BLOCK];
            for (&place, &ord) in column.places.iter().zip(&column.ords) {
                passes[place] |= chosen[ord as usize];
            }
            // Without branches: whether a document passes a filter is as good as random.
            for place in 0..block.len() {
                let fails = !passes[place];
                failures[place] = failures[place].saturating_add(u8::from(fails));
                failed[place] = if fails { i } else { failed[place] };
            }
        }
        // The facets each document counts for, one bit each.
        let mut counts_for = [0u64; BLOCK];
        for place in 0..block.len() {
            counts_for[place] = match failures[place] {
                0 => u64::MAX,
                1 => 1 << failed[place],
                _ => 0,
            };
        }
        let mut passing: Vec<DocId> = Vec::with_capacity(block.len());
        for (place, &doc) in block.iter().enumerate() {
            if failures[place] == 0 {
                passing.push(doc);
                if self.order != Order::Pruned {
                    found.offer(Ranked { key: keys[place], segment, doc }, self.keep);
                }
            }
        }
        found.total += passing.len() as u64;
        for (i, column) in columns.iter_mut().enumerate() {
            if !self.facets[i].counted {
                continue;
            }
            if column.chosen.is_some() {
                for (n, (&place, &ord)) in column.places.iter().zip(&column.ords).enumerate() {
                    column.counts[ord as usize][n % LANES] += (counts_for[place] >> i) & 1;
                }
            } else {
                column.load(&passing, false);
                for (n, &ord) in column.ords.iter().enumerate() {
                    column.counts[ord as usize][n % LANES] += 1;
                }
            }
        }
    }
}

/// How far below the last kept score a document may score by WAND and yet be kept: WAND's score
/// of a document is the sum of the same term scores as the search's, added in another order
/// (and a different one from document to document), so it may differ in a float's last bits
/// (a few millionths of it for the seven clauses of a word).
const NEAR: f32 = 1e-5;

/// The best `keep` hits of a union of terms among the documents of every `required` query and
/// not of the `excluded` one, found by tantivy's
/// block-max WAND, and scored by the words' query (`scored`) as tantivy's own search scores and
/// orders them: by score, then by address.
///
/// WAND offers only documents that score more than the threshold it is given back. So the
/// threshold given back is a little below the last kept score (NEAR), every document offered
/// within it is kept as a candidate, and the candidates are scored again by `scored` once the
/// segment is walked: equal documents that the union scored a bit differently are then equal
/// again, and the first of them in the index wins, as in tantivy's search. The filters are
/// looked up in their postings, which the offered documents only move forward through. The
/// threads tell each other how high the page's last score is at least (`shared`), so that
/// none keeps a page of its own.
struct Top<'a> {
    required: &'a [Box<dyn Weight>],
    excluded: Option<&'a dyn Weight>,
    scored: &'a dyn Weight,
    keep: usize,
    /// The highest floor a thread has found: no document scoring less can be on the page, in
    /// any thread's segments. As bits: scores are positive, and the bits of positive floats
    /// are in their order.
    shared: AtomicU32,
}

impl Top<'_> {
    fn run(
        &self,
        searcher: &tantivy::Searcher,
        union: &dyn Weight,
        segments: &[u32],
    ) -> tantivy::Result<Found> {
        let mut found = Found::new(0);
        for &segment in segments {
            let reader = searcher.segment_reader(segment);
            let mut required = self
                .required
                .iter()
                .map(|weight| weight.scorer(reader, 1.0))
                .collect::<tantivy::Result<Vec<_>>>()?;
            let mut excluded = self.excluded.map(|weight| weight.scorer(reader, 1.0)).transpose()?;
            let alive = reader.alive_bitset();
            let mut candidates: Vec<(f32, DocId)> = Vec::new();
            let mut floor = below(found.threshold(self.keep)).max(self.shared_floor());
            let start = floor;
            let mut offered = |doc: DocId, score: f32| {
                floor = floor.max(self.shared_floor());
                if alive.is_none_or(|alive| alive.is_alive(doc))
                    && required.iter_mut().all(|scorer| holds(scorer.as_mut(), doc))
                    && !excluded.as_mut().is_some_and(|scorer| holds(scorer.as_mut(), doc))
                {
                    candidates.push((score, doc));
                    if candidates.len() >= 2 * self.keep + 256 {
                        let (_, last, _) =
                            candidates.select_nth_unstable_by(self.keep - 1, |a, b| b.0.total_cmp(&a.0));
                        floor = floor.max(below(last.0));
                        self.share(floor);
                        candidates.retain(|&(score, _)| score > floor);
                    }
                }
                floor
            };
            union.for_each_pruning(start, reader, &mut offered)?;
            candidates.sort_unstable_by_key(|&(_, doc)| doc);
            let mut scorer = self.scored.scorer(reader, 1.0)?;
            for (_, doc) in candidates {
                if holds(scorer.as_mut(), doc) {
                    found.offer(Ranked { key: scorer.score(), segment, doc }, self.keep);
                }
            }
            self.share(below(found.threshold(self.keep)));
        }
        Ok(found)
    }

    fn shared_floor(&self) -> f32 {
        f32::from_bits(self.shared.load(AtomicOrdering::Relaxed))
    }

    /// Tells the other threads that no document scoring less than `floor` can be on the page.
    fn share(&self, floor: f32) {
        if floor > 0.0 {
            self.shared.fetch_max(floor.to_bits(), AtomicOrdering::Relaxed);
        }
    }
}

/// A little below `score`: see NEAR.
fn below(score: f32) -> f32 {
    if score == f32::MIN {
        score
    } else {
        score - score.abs() * NEAR
    }
}

/// Whether a query's documents include `doc`, never before its current one.
fn holds(documents: &mut dyn DocSet, doc: DocId) -> bool {
    documents.doc() == doc || (documents.doc() < doc && documents.seek(doc) == doc)
}

#[pymodule]
fn onepass(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Index>()?;
    module.add_class::<Searcher>()?;
    Ok(())
}
