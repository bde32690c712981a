import Foundation

/// Charts drawn on the server as SVG: readable with JavaScript off, no library, no CDN. Each
/// point and bar carries a `<title>`, which browsers show on hover and screen readers read.
enum SVGChart {
    struct Series {
        var name: String
        var colorClass: String
        var points: [(label: String, value: Int)]
    }

    /// A line chart of several series over the same x labels (dates, oldest first).
    static func lines(_ series: [Series], title: String, width: Int = 760, height: Int = 260) -> String {
        let labels = Array(Set(series.flatMap { $0.points.map(\.label) })).sorted()
        let maximum = max(1, series.flatMap { $0.points.map(\.value) }.max() ?? 1)
        let left = 56, right = 16, top = 16, bottom = 40
        let plotWidth = Double(width - left - right), plotHeight = Double(height - top - bottom)
        func x(_ label: String) -> Double {
            guard labels.count > 1, let index = labels.firstIndex(of: label) else { return Double(left) + plotWidth / 2 }
            return Double(left) + plotWidth * Double(index) / Double(labels.count - 1)
        }
        func y(_ value: Int) -> Double { Double(top) + plotHeight * (1 - Double(value) / Double(niceMaximum(maximum))) }
        var svg = "<svg class=\"chart\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>\(HTMLText.escape(title))</title>"
        let ceiling = niceMaximum(maximum)
        for step in 0...4 {
            let value = ceiling * step / 4
            let position = y(value)
            svg += "<line class=\"grid\" x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(format(position))\" y2=\"\(format(position))\"/>"
            svg += "<text class=\"axis\" x=\"\(left - 6)\" y=\"\(format(position + 4))\" text-anchor=\"end\">\(value)</text>"
        }
        let every = max(1, labels.count / 6)
        for (index, label) in labels.enumerated() where index % every == 0 || index == labels.count - 1 {
            svg += "<text class=\"axis\" x=\"\(format(x(label)))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">\(HTMLText.escape(String(label.suffix(5))))</text>"
        }
        for line in series where !line.points.isEmpty {
            let path = line.points.sorted { $0.label < $1.label }.map { "\(format(x($0.label))),\(format(y($0.value)))" }.joined(separator: " ")
            svg += "<polyline class=\"series \(line.colorClass)\" points=\"\(path)\"><title>\(HTMLText.escape(line.name))</title></polyline>"
            // Every point answers a hover with its date and value; the newest one is also written.
            let sorted = line.points.sorted { $0.label < $1.label }
            for (index, point) in sorted.enumerated() {
                let isLast = index == sorted.count - 1
                svg += "<circle class=\"series-dot \(line.colorClass)\" cx=\"\(format(x(point.label)))\" cy=\"\(format(y(point.value)))\" r=\"\(isLast ? "3.5" : "2.5")\"><title>\(HTMLText.escape("\(line.name) \(point.label): \(point.value)"))</title></circle>"
            }
            if let last = sorted.last {
                svg += "<text class=\"value\" x=\"\(format(x(last.label) - 6))\" y=\"\(format(y(last.value) - 8))\" text-anchor=\"end\">\(last.value)</text>"
            }
        }
        var legendX = left
        for line in series {
            svg += "<rect class=\"legend \(line.colorClass)\" x=\"\(legendX)\" y=\"\(height - 14)\" width=\"12\" height=\"4\"/>"
            svg += "<text class=\"axis\" x=\"\(legendX + 16)\" y=\"\(height - 9)\">\(HTMLText.escape(line.name))</text>"
            legendX += 30 + line.name.count * 7
        }
        return svg + "</svg>"
    }

    /// Horizontal bars, one per label, each with its value written beside it.
    static func bars(_ bars: [(label: String, value: Int)], title: String, width: Int = 760) -> String {
        let rowHeight = 26, labelWidth = 210
        let height = max(1, bars.count) * rowHeight + 8
        let maximum = max(1, bars.map(\.value).max() ?? 1)
        var svg = "<svg class=\"chart\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>\(HTMLText.escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 4
            let length = Double(width - labelWidth - 60) * Double(bar.value) / Double(maximum)
            svg += "<text class=\"axis\" x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\">\(HTMLText.escape(bar.label))</text>"
            svg += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(format(max(bar.value > 0 ? 2 : 0, length)))\" height=\"18\"><title>\(HTMLText.escape("\(bar.label): \(bar.value)"))</title></rect>"
            svg += "<text class=\"value\" x=\"\(format(Double(labelWidth) + length + 6))\" y=\"\(y + 16)\">\(bar.value)</text>"
        }
        return svg + "</svg>"
    }

    /// 1, 2 or 5 times a power of ten, at least `value`: round gridline values.
    static func niceMaximum(_ value: Int) -> Int {
        var magnitude = 1
        while magnitude * 10 <= value { magnitude *= 10 }
        for factor in [1, 2, 5, 10] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
