import InventoryJSON

/// The first place where a JSON document is not shaped as expected, as a path a person can
/// find in the file: `devices[3] is not an object`, `customFields.1042 is not an object`.
struct ShapeViolation: Error, Sendable, Equatable, CustomStringConvertible {
    let path: String
    let problem: String

    var description: String { "\(path) \(problem)" }
}

/// Checks on vendor JSON that return the typed contents or name the offending path.
enum JSONShape {
    static func object(_ value: JSONValue?, at path: String) throws(ShapeViolation) -> [String: JSONValue] {
        guard let value else { throw ShapeViolation(path: path, problem: "is missing") }
        guard let members = value.objectValue else { throw ShapeViolation(path: path, problem: "is not an object") }
        return members
    }

    static func array(_ value: JSONValue?, at path: String) throws(ShapeViolation) -> [JSONValue] {
        guard let value else { throw ShapeViolation(path: path, problem: "is missing") }
        guard let items = value.arrayValue else { throw ShapeViolation(path: path, problem: "is not an array") }
        return items
    }

    /// An array whose elements are all objects.
    static func objects(_ value: JSONValue?, at path: String) throws(ShapeViolation) -> [JSONValue] {
        let items = try array(value, at: path)
        for (index, item) in items.enumerated() where item.objectValue == nil {
            throw ShapeViolation(path: "\(path)[\(index)]", problem: "is not an object")
        }
        return items
    }

    /// An array of objects that each carry an integer `id` (NinjaOne's paging cursor).
    static func identifiedObjects(_ value: JSONValue?, at path: String) throws(ShapeViolation) -> [JSONValue] {
        let items = try objects(value, at: path)
        for (index, item) in items.enumerated() where id(of: item) == nil {
            let problem = item["id"] == nil ? "is missing" : "is not an integer"
            throw ShapeViolation(path: "\(path)[\(index)].id", problem: problem)
        }
        return items
    }

    /// An object whose values are all objects, keyed as in the document.
    static func objectsByKey(_ value: JSONValue?, at path: String) throws(ShapeViolation) -> [String: JSONValue] {
        let members = try object(value, at: path)
        for key in members.keys.sorted() where members[key]?.objectValue == nil {
            throw ShapeViolation(path: "\(path).\(key)", problem: "is not an object")
        }
        return members
    }

    static func id(of item: JSONValue) -> Int? {
        guard case .number(let literal)? = item["id"] else { return nil }
        return Int(literal)
    }
}
