/// A dense matrix of doubles in row-major order: row `i` is `values[i * columns ..< (i + 1) * columns]`.
///
/// Alternatives are rows and criteria columns for scores; samples are rows and criteria columns
/// for weights. Kept flat so that the inner loops of SMAA read memory in order.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns,
                     "a \(rows)×\(columns) matrix needs \(rows * columns) values, not \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, values: Array(repeating: value, count: rows * columns))
    }

    /// A matrix from its rows, which must all have the same length.
    public init(_ rows: [[Double]]) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns }, "every row needs \(columns) values")
        self.init(rows: rows.count, columns: columns, values: rows.flatMap { $0 })
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    public func row(_ i: Int) -> ArraySlice<Double> {
        values[i * columns ..< (i + 1) * columns]
    }

    public var rowArrays: [[Double]] {
        (0..<rows).map { Array(row($0)) }
    }
}
