//! Chart geometry: where the heatmap's cells and labels go, which rows and
//! columns are shown, and the shapes of the score bars and sparklines.
//!
//! Everything here is a pure function of counts and numbers, so it is tested
//! natively. Components only map these shapes to SVG; this module must not
//! touch the DOM, colours or the report's scores beyond placing them.

use crate::num::{Fixed, Short};
use std::ops::Range;

/// Columns shown before "show all": the most-mentioned actors.
pub const TOP_COLUMNS: usize = 12;
/// At most this many cells are drawn at once; longer articles are paged by rows.
pub const MAX_CELLS: usize = 1200;
/// A page always has at least this many rows, however many columns there are.
pub const MIN_PAGE_ROWS: usize = 25;

/// Cell width and height, and the gap between cells, in SVG user units.
pub const CELL_W: f32 = 30.0;
pub const CELL_H: f32 = 22.0;
pub const GAP: f32 = 2.0;
/// Room for the row labels ("P123") at the left.
pub const ROW_LABEL_W: f32 = 46.0;
/// Column labels are cut to this many characters (the full name is in a <title>).
pub const COL_LABEL_CHARS: usize = 16;
/// Column labels are rotated by this many degrees (counter-clockwise).
pub const COL_LABEL_ANGLE: f32 = 45.0;
/// Approximate advance of one label character, for the room the labels need.
const CHAR_W: f32 = 7.0;

/// A rectangle in SVG user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// A point in SVG user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// The heatmap's layout for a number of rows and columns.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    pub rows: usize,
    pub cols: usize,
    /// Left edge of the first column.
    pub left: f32,
    /// Top edge of the first row.
    pub top: f32,
    /// Room to the right for the last rotated label.
    pub right: f32,
}

impl Layout {
    /// A layout for `rows` x `cols`, with room above for labels of up to `label_chars` characters.
    pub fn new(rows: usize, cols: usize, label_chars: usize) -> Layout {
        // The label is the name plus a two-character colour swatch ("● ").
        let label = (label_chars.min(COL_LABEL_CHARS) + 2) as f32 * CHAR_W;
        let (sin, cos) = COL_LABEL_ANGLE.to_radians().sin_cos();
        Layout {
            rows,
            cols,
            left: ROW_LABEL_W,
            top: (label * sin + 12.0).ceil(),
            right: (label * cos - CELL_W / 2.0).max(8.0).ceil(),
        }
    }

    /// Total width of the SVG.
    pub fn width(&self) -> f32 {
        self.left + self.cols as f32 * CELL_W + self.right
    }

    /// Total height of the SVG.
    pub fn height(&self) -> f32 {
        self.top + self.rows as f32 * CELL_H + GAP
    }

    /// The cell at (row, column), inset by half a gap on each side.
    pub fn cell(&self, row: usize, col: usize) -> Rect {
        Rect {
            x: self.left + col as f32 * CELL_W + GAP / 2.0,
            y: self.top + row as f32 * CELL_H + GAP / 2.0,
            w: CELL_W - GAP,
            h: CELL_H - GAP,
        }
    }

    /// The anchor of a row label: right-aligned before the first column, centred on the row.
    pub fn row_label(&self, row: usize) -> Point {
        Point {
            x: self.left - 6.0,
            y: self.top + row as f32 * CELL_H + CELL_H / 2.0,
        }
    }

    /// The anchor of a column label: above the column's centre, rotated by [`COL_LABEL_ANGLE`].
    pub fn col_label(&self, col: usize) -> Point {
        Point {
            x: self.left + col as f32 * CELL_W + CELL_W / 2.0,
            y: self.top - 6.0,
        }
    }

    /// The SVG transform that rotates the label of `col` about its anchor.
    pub fn col_label_transform(&self, col: usize) -> String {
        let p = self.col_label(col);
        format!(
            "rotate(-{} {} {})",
            Short(f64::from(COL_LABEL_ANGLE)),
            Short(f64::from(p.x)),
            Short(f64::from(p.y))
        )
    }
}

/// How many columns (actors) to show: the top [`TOP_COLUMNS`], or all of them.
pub fn visible_columns(actors: usize, show_all: bool) -> usize {
    if show_all { actors } else { actors.min(TOP_COLUMNS) }
}

/// Rows per page for this many columns: as many as fit in [`MAX_CELLS`], at least [`MIN_PAGE_ROWS`].
pub fn page_rows(cols: usize) -> usize {
    (MAX_CELLS / cols.max(1)).max(MIN_PAGE_ROWS)
}

/// The rows shown: the page of `page_rows(cols)` rows that contains `first`.
pub fn row_window(rows: usize, cols: usize, first: usize) -> Range<usize> {
    if rows == 0 {
        return 0..0;
    }
    let page = page_rows(cols);
    let start = (first.min(rows - 1) / page) * page;
    start..(start + page).min(rows)
}

/// Paragraphs the article view shows at once: a page of the analysed text,
/// so that a text of several megabytes never puts thousands of paragraphs
/// in the page (articles are far shorter than a page).
pub const ARTICLE_PAGE: usize = 1000;

/// The article's paragraphs shown: the page of [`ARTICLE_PAGE`] that contains `first`.
pub fn article_window(paragraphs: usize, first: usize) -> Range<usize> {
    if paragraphs == 0 {
        return 0..0;
    }
    let start = (first.min(paragraphs - 1) / ARTICLE_PAGE) * ARTICLE_PAGE;
    start..(start + ARTICLE_PAGE).min(paragraphs)
}

/// Cuts a column label to `max` characters, with an ellipsis when cut (multibyte safe).
pub fn short_label(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_string();
    }
    let mut out: String = name.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The longest label, in characters, among `names` (after cutting).
pub fn longest_label<'a>(names: impl IntoIterator<Item = &'a str>) -> usize {
    names
        .into_iter()
        .map(|n| n.chars().count().min(COL_LABEL_CHARS))
        .max()
        .unwrap_or(0)
}

/// Moves a roving focus (row, col) by a key, within `rows` x `cols`.
/// Returns `None` for keys that do not move it.
pub fn move_focus(
    key: &str,
    ctrl: bool,
    (row, col): (usize, usize),
    rows: usize,
    cols: usize,
) -> Option<(usize, usize)> {
    if rows == 0 || cols == 0 {
        return None;
    }
    let (row, col) = (row.min(rows - 1), col.min(cols - 1));
    Some(match key {
        "ArrowUp" => (row.saturating_sub(1), col),
        "ArrowDown" => ((row + 1).min(rows - 1), col),
        "ArrowLeft" => (row, col.saturating_sub(1)),
        "ArrowRight" => (row, (col + 1).min(cols - 1)),
        "Home" if ctrl => (0, 0),
        "End" if ctrl => (rows - 1, cols - 1),
        "Home" => (row, 0),
        "End" => (row, cols - 1),
        "PageUp" => (row.saturating_sub(10), col),
        "PageDown" => ((row + 10).min(rows - 1), col),
        _ => return None,
    })
}

/// A diverging bar for a score in [-1, 1] in a box `width` wide: the bar's x and width,
/// growing right from the centre for favourable scores and left for unfavourable ones.
pub fn score_bar(score: f32, width: f32) -> (f32, f32) {
    let s = if score.is_nan() { 0.0 } else { score.clamp(-1.0, 1.0) };
    let half = width / 2.0;
    let w = s.abs() * half;
    if s >= 0.0 { (half, w) } else { (half - w, w) }
}

/// A sparkline of (paragraph, score) points over `paragraphs` paragraphs, in a
/// `width` x `height` box: runs of consecutive paragraphs become polylines, and
/// a gap is left wherever the actor is not mentioned. Points must be in
/// paragraph order; a run of one point is a dot.
pub fn sparkline(points: &[(usize, f32)], paragraphs: usize, width: f32, height: f32) -> Vec<Vec<Point>> {
    let n = paragraphs.max(1) as f32;
    let pad = 2.0;
    let mid = height / 2.0;
    let amp = (mid - pad).max(0.0);
    let mut runs: Vec<Vec<Point>> = Vec::new();
    let mut last: Option<usize> = None;
    for &(p, score) in points {
        let s = if score.is_nan() { 0.0 } else { score.clamp(-1.0, 1.0) };
        let point = Point {
            x: (p as f32 + 0.5) / n * width,
            y: mid - s * amp,
        };
        match (last, runs.last_mut()) {
            (Some(l), Some(run)) if p == l + 1 => run.push(point),
            _ => runs.push(vec![point]),
        }
        last = Some(p);
    }
    runs
}

/// The SVG path data of a sparkline's runs: `(lines, dots)`, every run of two
/// or more points as one subpath of the first and every lone point as a small
/// circle (two arcs of radius [`SPARK_DOT`]) of the second. Two elements per
/// sparkline, however many runs: an actor named in hundreds of scattered
/// paragraphs would otherwise cost the page hundreds of elements a row.
pub fn spark_paths(runs: &[Vec<Point>]) -> (String, String) {
    use std::fmt::Write;
    let (mut lines, mut dots) = (String::new(), String::new());
    for run in runs {
        match run.as_slice() {
            [] => {}
            [p] => {
                let r = SPARK_DOT;
                let _ = write!(
                    dots,
                    "M{},{}a{r},{r} 0 1,0 {d},0a{r},{r} 0 1,0 -{d},0",
                    Fixed(f64::from(p.x - r), 1),
                    Fixed(f64::from(p.y), 1),
                    r = Short(f64::from(r)),
                    d = Short(f64::from(2.0 * r))
                );
            }
            _ => {
                for (i, p) in run.iter().enumerate() {
                    let _ = write!(
                        lines,
                        "{}{},{}",
                        if i == 0 { 'M' } else { 'L' },
                        Fixed(f64::from(p.x), 1),
                        Fixed(f64::from(p.y), 1)
                    );
                }
            }
        }
    }
    (lines, dots)
}

/// The radius of a sparkline's lone point.
pub const SPARK_DOT: f32 = 1.8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_tile_the_grid_without_overlap() {
        let l = Layout::new(3, 4, 10);
        let a = l.cell(0, 0);
        let b = l.cell(0, 1);
        let c = l.cell(1, 0);
        assert_eq!(a.w, CELL_W - GAP);
        assert_eq!(a.h, CELL_H - GAP);
        assert!((b.x - a.x - CELL_W).abs() < 1e-4);
        assert!((c.y - a.y - CELL_H).abs() < 1e-4);
        assert!(a.x + a.w < b.x);
        assert!(a.y + a.h < c.y);
    }

    #[test]
    fn cells_start_after_the_labels() {
        let l = Layout::new(2, 2, 16);
        let a = l.cell(0, 0);
        assert!(a.x >= ROW_LABEL_W);
        assert!(a.y >= l.top);
        assert!(l.top > 60.0, "room for rotated labels: {}", l.top);
    }

    #[test]
    fn the_grid_fits_inside_the_svg() {
        for (rows, cols) in [(1, 1), (18, 12), (200, 40)] {
            let l = Layout::new(rows, cols, 16);
            let last = l.cell(rows - 1, cols - 1);
            assert!(last.x + last.w <= l.width());
            assert!(last.y + last.h <= l.height());
        }
    }

    #[test]
    fn short_labels_need_less_room_above() {
        assert!(Layout::new(1, 1, 3).top < Layout::new(1, 1, 16).top);
        // Longer names are cut, so they need no more room than the cap.
        assert_eq!(Layout::new(1, 1, 40).top, Layout::new(1, 1, COL_LABEL_CHARS).top);
    }

    #[test]
    fn labels_sit_beside_their_row_and_above_their_column() {
        let l = Layout::new(5, 5, 10);
        let r = l.row_label(2);
        let cell = l.cell(2, 0);
        assert!(r.x < cell.x);
        assert!(r.y > cell.y && r.y < cell.y + cell.h);
        let c = l.col_label(3);
        let cell = l.cell(0, 3);
        assert!(c.x > cell.x && c.x < cell.x + cell.w);
        assert!(c.y < cell.y);
        assert_eq!(
            l.col_label_transform(0),
            format!("rotate(-45 {} {})", c.x - 3.0 * CELL_W, c.y)
        );
    }

    #[test]
    fn visible_columns_cap_at_twelve_unless_all() {
        assert_eq!(visible_columns(20, false), 12);
        assert_eq!(visible_columns(20, true), 20);
        assert_eq!(visible_columns(5, false), 5);
        assert_eq!(visible_columns(0, false), 0);
    }

    #[test]
    fn pages_hold_at_most_max_cells_but_a_minimum_of_rows() {
        assert_eq!(page_rows(12), 100);
        assert_eq!(page_rows(0), MAX_CELLS);
        assert_eq!(page_rows(1000), MIN_PAGE_ROWS);
        assert!(page_rows(12) * 12 <= MAX_CELLS);
    }

    #[test]
    fn row_windows_are_pages_containing_the_first_row() {
        assert_eq!(row_window(18, 12, 0), 0..18);
        assert_eq!(row_window(1500, 12, 0), 0..100);
        assert_eq!(row_window(1500, 12, 250), 200..300);
        assert_eq!(row_window(1450, 12, 1449), 1400..1450);
        assert_eq!(row_window(1500, 12, 99_999), 1400..1500);
        assert_eq!(row_window(0, 12, 3), 0..0);
    }

    #[test]
    fn article_windows_are_pages_containing_the_first_row() {
        assert_eq!(article_window(18, 0), 0..18);
        assert_eq!(article_window(18, 17), 0..18);
        assert_eq!(article_window(5300, 0), 0..ARTICLE_PAGE);
        assert_eq!(article_window(5300, 2500), 2000..3000);
        assert_eq!(article_window(5300, 99_999), 5000..5300);
        assert_eq!(article_window(0, 3), 0..0);
    }

    #[test]
    fn labels_are_cut_on_char_boundaries() {
        assert_eq!(short_label("Ukraine", 16), "Ukraine");
        assert_eq!(short_label("Bruegel and the Kiel Institute", 10), "Bruegel a…");
        assert_eq!(short_label("Élysée Élysée Élysée", 8), "Élysée …");
        assert_eq!(short_label("Зеленський Володимир", 5).chars().count(), 5);
        assert_eq!(longest_label(["EU", "Volodymyr Zelenskyy"]), COL_LABEL_CHARS);
        assert_eq!(longest_label(["EU", "NATO"]), 4);
        assert_eq!(longest_label([]), 0);
    }

    #[test]
    fn arrows_move_and_stop_at_the_edges() {
        assert_eq!(move_focus("ArrowRight", false, (0, 0), 3, 3), Some((0, 1)));
        assert_eq!(move_focus("ArrowLeft", false, (0, 0), 3, 3), Some((0, 0)));
        assert_eq!(move_focus("ArrowDown", false, (2, 1), 3, 3), Some((2, 1)));
        assert_eq!(move_focus("ArrowUp", false, (2, 1), 3, 3), Some((1, 1)));
        assert_eq!(move_focus("Home", false, (2, 2), 3, 3), Some((2, 0)));
        assert_eq!(move_focus("End", false, (1, 0), 3, 3), Some((1, 2)));
        assert_eq!(move_focus("Home", true, (2, 2), 3, 3), Some((0, 0)));
        assert_eq!(move_focus("End", true, (0, 0), 3, 4), Some((2, 3)));
        assert_eq!(move_focus("PageDown", false, (0, 0), 30, 1), Some((10, 0)));
        assert_eq!(move_focus("a", false, (0, 0), 3, 3), None);
        assert_eq!(move_focus("ArrowUp", false, (0, 0), 0, 3), None);
        // A stale focus outside a smaller grid is brought back inside.
        assert_eq!(move_focus("ArrowLeft", false, (9, 9), 3, 3), Some((2, 1)));
    }

    #[test]
    fn score_bars_grow_from_the_centre() {
        assert_eq!(score_bar(0.5, 100.0), (50.0, 25.0));
        assert_eq!(score_bar(-0.5, 100.0), (25.0, 25.0));
        assert_eq!(score_bar(0.0, 100.0), (50.0, 0.0));
        assert_eq!(score_bar(-2.0, 100.0), (0.0, 50.0));
        assert_eq!(score_bar(f32::NAN, 100.0), (50.0, 0.0));
    }

    #[test]
    fn sparklines_break_where_the_actor_is_absent() {
        let runs = sparkline(&[(0, 1.0), (1, 0.0), (3, -1.0)], 4, 40.0, 20.0);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].len(), 2);
        assert_eq!(runs[1].len(), 1);
        assert_eq!(runs[0][0], Point { x: 5.0, y: 2.0 });
        assert_eq!(runs[0][1], Point { x: 15.0, y: 10.0 });
        assert_eq!(runs[1][0], Point { x: 35.0, y: 18.0 });
        assert!(sparkline(&[], 4, 40.0, 20.0).is_empty());
    }

    #[test]
    fn spark_paths_join_runs_and_draw_lone_points_as_dots() {
        let run = vec![Point { x: 1.0, y: 2.25 }, Point { x: 3.0, y: 4.0 }];
        let lone = vec![Point { x: 10.0, y: 5.0 }];
        assert_eq!(spark_paths(&[]), (String::new(), String::new()));
        let (lines, dots) = spark_paths(&[run.clone(), lone, run, vec![]]);
        assert_eq!(lines, "M1.0,2.2L3.0,4.0M1.0,2.2L3.0,4.0");
        assert_eq!(dots, "M8.2,5.0a1.8,1.8 0 1,0 3.6,0a1.8,1.8 0 1,0 -3.6,0");
    }
}
