//! Unicode charts for the terminal table: sparklines, bars and heatmap shades. Shown only
//! when stdout is a terminal (piped output stays plain tab-separated rows); colour, when on,
//! is added by the caller, so `NO_COLOR` leaves plain glyphs.

const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
const SHADES: [char; 4] = ['░', '▒', '▓', '█'];

/// `values` as a sparkline at most `width` characters wide: longer series are summed into
/// equal runs of consecutive values, so a year of days still fits.
pub fn sparkline(values: &[u64], width: usize) -> String {
    if values.is_empty() || width == 0 {
        return String::new();
    }
    let run = values.len().div_ceil(width);
    let sums: Vec<u64> = values.chunks(run).map(|c| c.iter().sum()).collect();
    let max = sums.iter().copied().max().unwrap_or(0);
    sums.iter()
        .map(|&v| SPARKS[(v * 7 + max / 2).checked_div(max).unwrap_or(0) as usize])
        .collect()
}

/// A horizontal bar for `value` out of `max`, `width` cells at full length, in eighths of a
/// cell; a non-zero value always shows at least a sliver.
pub fn bar(value: u64, max: u64, width: usize) -> String {
    if max == 0 || value == 0 || width == 0 {
        return String::new();
    }
    let eighths = ((value as u128 * width as u128 * 8).div_ceil(max as u128)).max(1) as usize;
    let mut text = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        text.push(EIGHTHS[eighths % 8 - 1]);
    }
    text
}

/// One heatmap cell: `·` for nothing, then four shades up to `max`.
pub fn shade(value: u64, max: u64) -> char {
    if value == 0 || max == 0 {
        return '·';
    }
    SHADES[((value * 4).div_ceil(max) as usize).clamp(1, 4) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_scale_to_the_largest_value() {
        assert_eq!(sparkline(&[0, 1, 2, 4], 10), "▁▃▅█");
        assert_eq!(sparkline(&[0, 0], 10), "▁▁");
        assert_eq!(sparkline(&[], 10), "");
    }

    #[test]
    fn long_series_are_summed_into_the_width() {
        // Six values into three cells: 1+1, 0+0, 3+1.
        assert_eq!(sparkline(&[1, 1, 0, 0, 3, 1], 3), "▅▁█");
    }

    #[test]
    fn bars_are_drawn_in_eighths() {
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(5, 10, 4), "██");
        assert_eq!(bar(1, 16, 2), "▏");
        assert_eq!(bar(1, 1000, 10), "▏", "a non-zero value is never invisible");
        assert_eq!(bar(0, 10, 4), "");
        assert_eq!(bar(3, 0, 4), "");
    }

    #[test]
    fn shades_step_up_to_the_maximum() {
        assert_eq!(shade(0, 8), '·');
        assert_eq!(shade(1, 8), '░');
        assert_eq!(shade(4, 8), '▒');
        assert_eq!(shade(6, 8), '▓');
        assert_eq!(shade(8, 8), '█');
    }
}
