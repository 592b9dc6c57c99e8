/// The one stylesheet of the HTML reports, inline in each page. Readable from a phone (~375 px)
/// to a desktop (1280 px): one column, a capped width, tables that scroll sideways inside
/// their box, charts that scale with the column. No `<` or `&` in it, so the page stays
/// well-formed XML.
enum ReportStyle {
    static let css = """
        :root { --ok: #1a7f37; --fail: #cf222e; --warn: #9a6700; --muted: #57606a; --line: #d0d7de; --bg: #f6f8fa; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2328; background: #fff; }
        .wrap { max-width: 1100px; margin: 0 auto; padding: 16px; }
        h1 { font-size: 1.4em; margin: 0 0 8px; overflow-wrap: anywhere; }
        h2 { font-size: 1.15em; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1em; margin: 16px 0 6px; }
        code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
        .banner { border-radius: 8px; padding: 14px 16px; color: #fff; }
        .banner.ok { background: var(--ok); }
        .banner.fail { background: var(--fail); }
        .banner.warn { background: var(--warn); }
        .banner p { margin: 4px 0 0; overflow-wrap: anywhere; }
        .badge { display: inline-block; padding: 0 8px; border-radius: 10px; color: #fff; font-size: 0.85em; white-space: nowrap; }
        .badge.ok { background: var(--ok); }
        .badge.fail { background: var(--fail); }
        .badge.warn { background: var(--warn); }
        .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 8px 0; }
        table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
        th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
        th { background: var(--bg); white-space: nowrap; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        /* Identifiers in tables stay whole (the table scrolls sideways on a phone); prose wraps. */
        td code { white-space: nowrap; overflow-wrap: normal; }
        td { overflow-wrap: break-word; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 12px 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        .track { position: relative; height: 12px; min-width: 120px; background: var(--bg); border-radius: 3px; }
        .track span { position: absolute; top: 0; bottom: 0; min-width: 2px; border-radius: 3px; background: #0969da; }
        .track span.fail { background: var(--fail); }
        .muted { color: var(--muted); }
        figure { margin: 8px 0; }
        figure svg { width: 100%; height: auto; display: block; }
        figcaption { color: var(--muted); font-size: 0.9em; }
        ul.links { padding-left: 20px; }
        @media (max-width: 600px) {
          body { font-size: 14px; }
          .wrap { padding: 10px; }
          dl.facts { grid-template-columns: 1fr; gap: 0; }
          dl.facts dd { margin-bottom: 6px; }
        }
        """
}
