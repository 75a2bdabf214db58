@testable import App
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor

/// A read shared by the requests waiting for it (`BatchedRead`), seen from outside: what each
/// caller gets, and how many reads the database sees.
@Suite("Shared reads")
struct SharedReadTests {
    /// A read that takes its value when it starts, then waits until the test lets it finish.
    final class Store: Sendable {
        private let state = NIOLockedValueBox((values: [String: Int](), reads: [[String]](), gate: Optional<CheckedContinuation<Void, Never>>.none))

        func set(_ key: String, _ value: Int) { state.withLockedValue { $0.values[key] = value } }
        var reads: [[String]] { state.withLockedValue { $0.reads } }
        var held: Bool { state.withLockedValue { $0.gate != nil } }

        /// Reads the values as they are now, then holds the read until `release`.
        func read(_ keys: [String]) async -> [String: Int] {
            let found = state.withLockedValue { s in
                s.reads.append(keys)
                return s.values.filter { keys.contains($0.key) }
            }
            await withCheckedContinuation { c in state.withLockedValue { $0.gate = c } }
            return found
        }

        func release() { state.withLockedValue { s in s.gate?.resume(); s.gate = nil } }
    }

    static func until(_ condition: () -> Bool) async throws {
        for _ in 0..<500 where !condition() { try await Task.sleep(for: .milliseconds(2)) }
        #expect(condition())
    }

    @Test func aReadThatStartedBeforeARequestArrivedNeverAnswersIt() async throws {
        try await withDemoApp { app, _ in
            let store = Store()
            store.set("council", 1)
            let shared = BatchedRead<String, Int> { _, keys in await store.read(keys) }
            let db = app.db
            let first = Task { try await shared.value(for: "council", on: db) }
            try await Self.until { store.held }
            // Committed while the first read runs: those arriving now must see it.
            store.set("council", 2)
            let later = (0..<10).map { _ in Task { try await shared.value(for: "council", on: db) } }
            try await Self.until { shared.waiting == 10 }
            store.release()
            #expect(try await first.value == 1)
            try await Self.until { store.held }
            store.release()
            for request in later { #expect(try await request.value == 2) }
            #expect(store.reads == [["council"], ["council"]], "the ten who waited shared one read")
        }
    }

    @Test func eachWaiterGetsTheAnswerForItsOwnKey() async throws {
        try await withDemoApp { app, _ in
            let store = Store()
            for (key, value) in ["a": 1, "b": 2, "c": 3] { store.set(key, value) }
            let shared = BatchedRead<String, Int> { _, keys in await store.read(keys) }
            let db = app.db
            let first = Task { try await shared.value(for: "c", on: db) }
            try await Self.until { store.held }
            let keys = ["a", "b", "a", "missing"]
            var waiters: [Task<Int?, any Error>] = []
            for key in keys {
                waiters.append(Task { try await shared.value(for: key, on: db) })
                try await Self.until { shared.waiting == waiters.count }
            }
            store.release()
            #expect(try await first.value == 3)
            try await Self.until { store.held }
            store.release()
            var answers: [Int?] = []
            for waiter in waiters { answers.append(try await waiter.value) }
            #expect(answers == [1, 2, 1, nil])
            #expect(store.reads.count == 2)
            #expect(Set(store.reads[1]) == ["a", "b", "missing"], "one read, each key asked once")
        }
    }
}
