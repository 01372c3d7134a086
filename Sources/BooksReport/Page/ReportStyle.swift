/// The page's CSS: readable on screen, clean on paper, no web fonts (nothing is fetched).
enum ReportStyle {
    static let css = """
    :root { --ink: #1A1A1A; --muted: #595959; --rule: #D9D9D9; --accent: #0072B2; --warn: #D55E00; --paper: #FFFFFF; }
    * { box-sizing: border-box; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body { margin: 0 auto; max-width: 1040px; padding: 24px 28px 48px; color: var(--ink); background: var(--paper);
           font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
    h1 { font-size: 28px; margin: 0 0 4px; }
    h2 { font-size: 21px; margin: 36px 0 8px; padding-top: 8px; border-top: 2px solid var(--ink); }
    h3 { font-size: 16px; margin: 18px 0 6px; }
    p.meta { color: var(--muted); margin: 0 0 16px; }
    nav ol { columns: 2; margin: 8px 0 0; padding-left: 20px; }
    nav a, a { color: var(--accent); }
    .kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 16px 0; }
    .kpi { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 12px; }
    .kpi dt { color: var(--muted); font-size: 13px; }
    .kpi dd { margin: 0; font-size: 20px; font-weight: 600; overflow-wrap: anywhere; }
    .notes { border-left: 4px solid var(--accent); background: #F2F8FC; padding: 8px 12px 8px 28px; margin: 12px 0; }
    .notes li { margin: 2px 0; }
    figure { margin: 12px 0 20px; }
    figure h3 { margin-top: 0; }
    figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
    svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
    svg.chart text { fill: var(--ink); font-size: 12px; }
    svg.chart .tick, svg.chart .value { fill: var(--muted); font-size: 11px; }
    svg.chart .axis-title { font-size: 12px; font-weight: 600; }
    svg.chart .reference-label { font-size: 11px; font-weight: 600; }
    svg.chart .value, svg.chart .reference-label { paint-order: stroke; stroke: #FFFFFF; stroke-width: 3px; stroke-linejoin: round; }
    .table-wrap { overflow-x: auto; margin: 8px 0 16px; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
    caption { text-align: left; font-weight: 600; padding: 4px 0; }
    th, td { padding: 4px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid var(--ink); white-space: nowrap; }
    tbody th { font-weight: 600; }
    .num { text-align: right; white-space: nowrap; }
    .flag { color: var(--warn); font-weight: 600; }
    .sortable > .sort-choice { position: absolute; opacity: 0; width: 1px; height: 1px; }
    .sortable > .sorted { display: none; }
    .sortable > .sort-choice:nth-of-type(1):checked ~ .sorted:nth-of-type(1),
    .sortable > .sort-choice:nth-of-type(2):checked ~ .sorted:nth-of-type(2),
    .sortable > .sort-choice:nth-of-type(3):checked ~ .sorted:nth-of-type(3),
    .sortable > .sort-choice:nth-of-type(4):checked ~ .sorted:nth-of-type(4) { display: block; }
    .sort-by { margin: 8px 0 0; font-size: 13px; color: var(--muted); }
    .sort-by label { color: var(--accent); text-decoration: underline; cursor: pointer; }
    .sortable > .sort-choice:nth-of-type(1):checked ~ .sort-by label:nth-of-type(1),
    .sortable > .sort-choice:nth-of-type(2):checked ~ .sort-by label:nth-of-type(2),
    .sortable > .sort-choice:nth-of-type(3):checked ~ .sort-by label:nth-of-type(3),
    .sortable > .sort-choice:nth-of-type(4):checked ~ .sort-by label:nth-of-type(4) { color: var(--ink); font-weight: 700; text-decoration: none; }
    .sortable > .sort-choice:focus-visible ~ .sort-by { outline: 2px solid var(--accent); outline-offset: 2px; }
    footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--rule); padding-top: 8px; }
    @media print {
      body { max-width: none; padding: 0; font-size: 11pt; }
      nav, .sort-by label:not(:hover) { text-decoration: none; }
      nav { display: none; }
      h2 { break-after: avoid; }
      figure, tr, .kpi { break-inside: avoid; }
      .table-wrap { overflow: visible; }
      a { color: inherit; text-decoration: none; }
    }
    """
}
