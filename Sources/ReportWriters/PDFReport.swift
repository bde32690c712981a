import CCairo
import Foundation
import InventoryJSON

/// A report laid out as an A4 landscape PDF through cairo: a title, lines of facts, and sections
/// of text and tables that break across pages with their header repeated. Text is real text
/// (`pdftotext` reads it back); the creation date is the one given, so the same report gives the
/// same bytes.
public struct PDFReport: Sendable {
    public struct Section: Sendable, Hashable {
        public var heading: String
        public var lines: [String]
        public var table: ReportTable?

        public init(heading: String, lines: [String] = [], table: ReportTable? = nil) {
            self.heading = heading
            self.lines = lines
            self.table = table
        }
    }

    public var title: String
    public var lines: [String]
    public var sections: [Section]
    /// Printed at the foot of every page beside the page number.
    public var footer: String
    public var createdAt: Date

    public init(title: String, lines: [String], sections: [Section], footer: String, createdAt: Date) {
        self.title = title
        self.lines = lines
        self.sections = sections
        self.footer = footer
        self.createdAt = createdAt
    }

    public func data() throws -> Data {
        let sink = PDFSink()
        let surface = cairo_pdf_surface_create_for_stream(
            { closure, bytes, length in
                guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<PDFSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque(), Layout.pageWidth, Layout.pageHeight)
        guard let surface, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw ReportWriterError("cairo cannot create a PDF surface")
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "ES Inventory Hub")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, Self.pdfDate(createdAt))
        guard let context = cairo_create(surface) else { throw ReportWriterError("cairo cannot draw on the PDF surface") }
        var page = PageWriter(context: context, footer: footer)
        page.start()
        page.text(title, size: 16, bold: true)
        page.advance(4)
        for line in lines { page.text(line, size: 9) }
        for section in sections {
            page.advance(10)
            page.ensure(40)
            page.text(section.heading, size: 12, bold: true)
            page.advance(2)
            for line in section.lines { page.text(line, size: 9) }
            if let table = section.table { page.table(table) }
        }
        page.finish()
        let status = cairo_status(context)
        cairo_destroy(context)
        cairo_surface_finish(surface)
        let surfaceStatus = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS, surfaceStatus == CAIRO_STATUS_SUCCESS else {
            throw ReportWriterError("cairo could not write the PDF: \(String(cString: cairo_status_to_string(status == CAIRO_STATUS_SUCCESS ? surfaceStatus : status)))")
        }
        return sink.data
    }

    /// `YYYY-MM-DDThh:mm:ssZ`, the form cairo's PDF metadata takes.
    static func pdfDate(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

private final class PDFSink {
    var data = Data()
}

private enum Layout {
    static let pageWidth = 841.89
    static let pageHeight = 595.28
    static let margin = 36.0
    static let footerHeight = 18.0
    static let fontFamily = "DejaVu Sans"
    static let tableSize = 7.5
    static let rowHeight = 11.0
    static let cellPadding = 3.0
    /// A column never takes more than this before the others are fitted.
    static let widestColumn = 240.0
}

/// Draws lines top to bottom, starting a new page when the next one would not fit.
private struct PageWriter {
    let context: OpaquePointer
    let footer: String
    var y = Layout.margin
    var pageNumber = 0

    var bottom: Double { Layout.pageHeight - Layout.margin - Layout.footerHeight }
    var width: Double { Layout.pageWidth - 2 * Layout.margin }

    mutating func start() {
        pageNumber += 1
        y = Layout.margin
    }

    mutating func finish() {
        font(size: 7, bold: false)
        cairo_set_source_rgb(context, 0.35, 0.35, 0.35)
        cairo_move_to(context, Layout.margin, Layout.pageHeight - Layout.margin)
        cairo_show_text(context, "\(footer) · page \(pageNumber)")
        cairo_set_source_rgb(context, 0, 0, 0)
        cairo_show_page(context)
    }

    mutating func newPage() {
        finish()
        start()
    }

    mutating func ensure(_ height: Double) {
        if y + height > bottom { newPage() }
    }

    mutating func advance(_ height: Double) { y += height }

    func font(size: Double, bold: Bool) {
        cairo_select_font_face(context, Layout.fontFamily, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }

    func measure(_ text: String) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents.x_advance
    }

    /// `text` shortened with an ellipsis until it fits in `width`.
    func fitted(_ text: String, width: Double) -> String {
        let single = text.replacingOccurrences(of: "\n", with: " ")
        if measure(single) <= width { return single }
        var characters = Array(single)
        while !characters.isEmpty {
            characters.removeLast(max(1, characters.count / 8))
            let candidate = String(characters) + "…"
            if measure(candidate) <= width { return candidate }
        }
        return ""
    }

    mutating func text(_ line: String, size: Double, bold: Bool = false) {
        let height = size * 1.45
        ensure(height)
        font(size: size, bold: bold)
        y += height
        cairo_move_to(context, Layout.margin, y - size * 0.35)
        cairo_show_text(context, fitted(line, width: width))
    }

    mutating func table(_ table: ReportTable) {
        guard !table.columns.isEmpty else { return }
        let cells = table.rows.map { $0.map(ReportTable.text) }
        let widths = columnWidths(table, cells)
        let numeric = table.columns.indices.map { column in
            !table.rows.isEmpty && table.rows.allSatisfy { row in
                if case .number = row[column] { return true }
                if case .null = row[column] { return true }
                return false
            }
        }
        header(table, widths)
        if cells.isEmpty {
            text("(none)", size: Layout.tableSize)
            return
        }
        for (index, row) in cells.enumerated() {
            if y + Layout.rowHeight > bottom {
                newPage()
                header(table, widths)
            }
            if index % 2 == 1 {
                cairo_set_source_rgb(context, 0.95, 0.95, 0.95)
                cairo_rectangle(context, Layout.margin, y, widths.reduce(0, +), Layout.rowHeight)
                cairo_fill(context)
                cairo_set_source_rgb(context, 0, 0, 0)
            }
            font(size: Layout.tableSize, bold: false)
            draw(row, widths, alignRight: numeric)
        }
    }

    private mutating func header(_ table: ReportTable, _ widths: [Double]) {
        font(size: Layout.tableSize, bold: true)
        draw(table.columns, widths, alignRight: table.columns.map { _ in false })
        cairo_set_line_width(context, 0.6)
        cairo_move_to(context, Layout.margin, y)
        cairo_line_to(context, Layout.margin + widths.reduce(0, +), y)
        cairo_stroke(context)
    }

    private mutating func draw(_ values: [String], _ widths: [Double], alignRight: [Bool]) {
        var x = Layout.margin
        let baseline = y + Layout.rowHeight - 3
        for (column, width) in widths.enumerated() {
            let value = column < values.count ? values[column] : ""
            let shown = fitted(value, width: width - 2 * Layout.cellPadding)
            let offset = alignRight[column] ? width - Layout.cellPadding - measure(shown) : Layout.cellPadding
            cairo_move_to(context, x + offset, baseline)
            cairo_show_text(context, shown)
            x += width
        }
        y += Layout.rowHeight
    }

    /// Each column as wide as its widest value, the widest ones narrowed until the table fits.
    private func columnWidths(_ table: ReportTable, _ cells: [[String]]) -> [Double] {
        font(size: Layout.tableSize, bold: true)
        var natural = table.columns.map { measure($0) + 2 * Layout.cellPadding }
        font(size: Layout.tableSize, bold: false)
        for row in cells {
            for (column, value) in row.enumerated() where column < natural.count {
                natural[column] = max(natural[column], min(Layout.widestColumn, measure(value) + 2 * Layout.cellPadding))
            }
        }
        guard natural.reduce(0, +) > width else { return natural }
        var low = 0.0
        var high = natural.max() ?? width
        for _ in 0..<40 {
            let cap = (low + high) / 2
            if natural.map({ min($0, cap) }).reduce(0, +) > width { high = cap } else { low = cap }
        }
        return natural.map { min($0, low) }
    }
}
