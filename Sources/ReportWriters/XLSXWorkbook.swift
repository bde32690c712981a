import CXLSXWriter
import Foundation
import InventoryJSON

/// Writes report tables as an Excel workbook through libxlsxwriter, one sheet per table: a bold
/// header row that stays in view, a filter on it, numbers as numbers. The workbook's creation
/// date is the one given (the ledger bound's time), so the same tables give the same bytes.
public enum XLSXWorkbook {
    /// Excel's limits: rows per sheet and characters per cell.
    static let maxRows = 1_048_576
    static let maxCellCharacters = 32_767

    public static func data(_ tables: [ReportTable], title: String, createdAt: Date) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("inventory-hub-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.xlsx")
        try write(tables, title: title, createdAt: createdAt, to: file, scratch: folder)
        return try Data(contentsOf: file)
    }

    public static func write(_ tables: [ReportTable], title: String, createdAt: Date, to file: URL, scratch: URL? = nil) throws {
        let tmpdir = strdup((scratch ?? FileManager.default.temporaryDirectory).path)
        defer { free(tmpdir) }
        var options = lxw_workbook_options(constant_memory: 0, tmpdir: tmpdir, use_zip64: 0)
        guard let workbook = workbook_new_opt(file.path, &options) else {
            throw ReportWriterError("cannot create the workbook \(file.path)")
        }
        var closed = false
        defer { if !closed { _ = workbook_close(workbook) } }

        let titleText = strdup(title)
        let creator = strdup("ES Inventory Hub")
        defer { free(titleText); free(creator) }
        var properties = lxw_doc_properties()
        properties.title = titleText
        properties.author = creator
        properties.created = time_t(createdAt.timeIntervalSince1970.rounded(.down))
        try check(workbook_set_properties(workbook, &properties), "set the workbook's properties")

        let header = workbook_add_format(workbook)
        format_set_bold(header)
        format_set_bottom(header, UInt8(LXW_BORDER_THIN.rawValue))
        var used = Set<String>()
        for table in tables {
            let name = sheetName(table.title, taken: &used)
            guard let sheet = workbook_add_worksheet(workbook, name) else {
                throw ReportWriterError("cannot add the sheet '\(name)'")
            }
            try fill(sheet, table, header: header)
        }
        closed = true
        try check(workbook_close(workbook), "write \(file.path)")
    }

    private static func fill(_ sheet: UnsafeMutablePointer<lxw_worksheet>, _ table: ReportTable, header: UnsafeMutablePointer<lxw_format>?) throws {
        guard table.rows.count < maxRows else {
            throw ReportWriterError("'\(table.title)' has \(table.rows.count) rows; a sheet holds at most \(maxRows - 1)")
        }
        var widths = table.columns.map { Double($0.count) }
        for (column, name) in table.columns.enumerated() {
            try check(worksheet_write_string(sheet, 0, lxw_col_t(column), name, header), "write the header of '\(table.title)'")
        }
        for (index, row) in table.rows.enumerated() {
            let line = lxw_row_t(index + 1)
            for (column, value) in row.enumerated() where column < table.columns.count {
                let cell = lxw_col_t(column)
                switch value {
                case .null:
                    continue
                case .bool(let flag):
                    try check(worksheet_write_boolean(sheet, line, cell, flag ? 1 : 0, nil), "write a cell of '\(table.title)'")
                    widths[column] = max(widths[column], 5)
                case .number(let literal):
                    if let number = Double(literal), number.isFinite {
                        try check(worksheet_write_number(sheet, line, cell, number, nil), "write a cell of '\(table.title)'")
                    } else {
                        try check(worksheet_write_string(sheet, line, cell, literal, nil), "write a cell of '\(table.title)'")
                    }
                    widths[column] = max(widths[column], Double(literal.count))
                case .string, .array, .object:
                    let text = String(ReportTable.text(value).prefix(maxCellCharacters))
                    try check(worksheet_write_string(sheet, line, cell, text, nil), "write a cell of '\(table.title)'")
                    widths[column] = max(widths[column], Double(text.count))
                }
            }
        }
        for (column, width) in widths.enumerated() {
            _ = worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), min(60, width + 2), nil)
        }
        worksheet_freeze_panes(sheet, 1, 0)
        if !table.columns.isEmpty {
            _ = worksheet_autofilter(sheet, 0, 0, lxw_row_t(table.rows.count), lxw_col_t(table.columns.count - 1))
        }
    }

    /// Excel's rules for a sheet name: at most 31 characters, none of `[]:*?/\`, unique.
    static func sheetName(_ title: String, taken: inout Set<String>) -> String {
        let cleaned = String(title.map { "[]:*?/\\".contains($0) ? "-" : $0 }).trimmingCharacters(in: CharacterSet(charactersIn: "' "))
        let base = String((cleaned.isEmpty ? "Sheet" : cleaned).prefix(31))
        var name = base
        var number = 2
        while taken.contains(name.lowercased()) {
            let suffix = " (\(number))"
            name = String(base.prefix(31 - suffix.count)) + suffix
            number += 1
        }
        taken.insert(name.lowercased())
        return name
    }

    private static func check(_ error: lxw_error, _ action: String) throws {
        guard error != LXW_NO_ERROR else { return }
        throw ReportWriterError("cannot \(action): \(String(cString: lxw_strerror(error)))")
    }
}
