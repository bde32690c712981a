import Hummingbird
import NIOCore

/// The dashboard's own stylesheet and script, served by the server itself: no CDN, no external
/// font, so it works on a machine without internet. The script only enhances (select all,
/// confirm); every page works without it.
enum DashboardAssets {
    static let css = """
        :root { --ink: #1d2733; --muted: #5b6878; --line: #d9dee5; --bg: #f6f7f9; --card: #fff; --accent: #1f5fbf; --warn: #b3261e; --ok: #1e7d32; --stale: #a15c00; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); }
        header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 18px; padding: 10px 20px; background: #13243b; color: #fff; }
        header.top a { color: #dfe8f5; text-decoration: none; padding: 4px 6px; border-radius: 4px; }
        header.top a.active, header.top a:hover { background: #2a4366; color: #fff; }
        header.top .brand { font-weight: 700; color: #fff; margin-right: 8px; }
        header.top nav { display: flex; flex-wrap: wrap; gap: 4px; flex: 1; }
        form.who { display: flex; gap: 8px; align-items: center; margin: 0; color: #dfe8f5; }
        main { padding: 18px 22px 40px; max-width: 1320px; }
        main.narrow { max-width: 560px; margin: 60px auto; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 28px; }
        h1 { font-size: 22px; margin: 4px 0 16px; } h2 { font-size: 17px; margin: 4px 0 10px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
        .card .big { font-size: 26px; font-weight: 700; }
        .fresh { color: var(--ok); font-weight: 600; } .stale, .never { color: var(--stale); font-weight: 600; }
        .panel { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin: 12px 0; overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; background: var(--card); }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; font-size: 14px; white-space: nowrap; }
        td:last-child, th:last-child { white-space: normal; }
        code { white-space: nowrap; }
        th { background: #eef1f5; font-weight: 600; position: sticky; top: 0; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.gap { background: #fdecea; color: var(--warn); font-weight: 600; }
        td.empty { color: var(--muted); text-align: center; }
        .muted { color: var(--muted); } .warn { color: var(--warn); }
        form.filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: end; margin: 0 0 10px; }
        label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); gap: 2px; }
        input, select, textarea, button { font: inherit; padding: 5px 8px; border: 1px solid #b9c2ce; border-radius: 5px; background: #fff; color: var(--ink); }
        button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
        button.secondary { background: #fff; color: var(--accent); }
        .actions { display: flex; flex-wrap: wrap; gap: 10px; align-items: end; margin: 10px 0; }
        .notice { padding: 10px 12px; border-radius: 6px; background: #e8f1fe; border: 1px solid #b8d3fb; margin: 10px 0; }
        .notice.error { background: #fdecea; border-color: #f5c2bd; }
        .pager { color: var(--muted); }
        .side { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 12px; }
        dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; font-size: 14px; }
        dl.fields dt { color: var(--muted); } dl.fields dd { margin: 0; word-break: break-word; }
        ol.timeline { padding-left: 18px; } ol.timeline li { margin: 2px 0; }
        svg.chart { width: 100%; height: auto; max-width: 1120px; display: block; overflow: visible; }
        svg .grid { stroke: #e3e7ec; stroke-width: 1; } svg .axis, svg .value { fill: var(--muted); font-size: 12px; }
        svg .series { fill: none; stroke-width: 2.5; } svg .bar { fill: var(--accent); }
        svg .ninja { stroke: #1f5fbf; fill: #1f5fbf; } svg polyline.ninja, svg polyline.threatlocker { fill: none; }
        svg .threatlocker { stroke: #c2571a; fill: #c2571a; }
        @media (max-width: 700px) { main { padding: 12px; } th, td { font-size: 13px; } }
        """

    static let js = """
        document.addEventListener('DOMContentLoaded', function () {
          document.querySelectorAll('input[data-select-all]').forEach(function (box) {
            box.addEventListener('change', function () {
              document.querySelectorAll('input[name="ids"]').forEach(function (item) { item.checked = box.checked; });
            });
          });
          document.querySelectorAll('form[data-confirm]').forEach(function (form) {
            form.addEventListener('submit', function (event) {
              if (!window.confirm(form.getAttribute('data-confirm'))) { event.preventDefault(); }
            });
          });
        });
        """

    static func routes(_ router: Router<APIRequestContext>) {
        router.get("/assets/app.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=300"], body: .init(byteBuffer: ByteBuffer(string: css)))
        }
        router.get("/assets/app.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=300"], body: .init(byteBuffer: ByteBuffer(string: js)))
        }
    }
}
