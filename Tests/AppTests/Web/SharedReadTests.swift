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

    /// Waits for `condition`; a test whose condition never comes fails here instead of hanging.
    static func until(_ condition: () -> Bool) async throws {
        for _ in 0..<2500 where !condition() { try await Task.sleep(for: .milliseconds(2)) }
        try #require(condition())
    }

    @Test func aReadThatStartedBeforeARequestArrivedNeverAnswersIt() async throws {
        try await withDemoApp { app, _ in
            let store = Store()
            store.set("council", 1)
            let shared = BatchedRead<String, Int> { _, keys in await store.read(keys) }
            let db = try app.db.sql
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
            let db = try app.db.sql
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

    struct Refused: Error {}

    @Test func aFailedReadTellsEveryoneItAnsweredAndTheNextReadsAfresh() async throws {
        try await withDemoApp { app, _ in
            let store = Store()
            store.set("council", 1)
            let fail = NIOLockedValueBox(true)
            let shared = BatchedRead<String, Int> { _, keys in
                let found = await store.read(keys)
                if fail.withLockedValue({ $0 }) { throw Refused() }
                return found
            }
            let db = try app.db.sql
            let first = Task { try await shared.value(for: "council", on: db) }
            try await Self.until { store.held }
            let waiting = (0..<3).map { _ in Task { try await shared.value(for: "council", on: db) } }
            try await Self.until { shared.waiting == 3 }
            store.release()
            await #expect(throws: Refused.self) { try await first.value }
            try await Self.until { store.held }
            store.release()
            for request in waiting { await #expect(throws: Refused.self) { try await request.value } }
            fail.withLockedValue { $0 = false }
            let later = Task { try await shared.value(for: "council", on: db) }
            try await Self.until { store.held }
            store.release()
            #expect(try await later.value == 1, "a failure is not kept")
        }
    }

    @Test func moreWaitersThanOneReadTakesAreAnsweredByTheNext() async throws {
        try await withDemoApp { app, _ in
            let store = Store()
            let values = ["a": 1, "b": 2, "c": 3, "d": 4]
            for (key, value) in values { store.set(key, value) }
            let shared = BatchedRead<String, Int>(limit: 2) { _, keys in await store.read(keys) }
            let db = try app.db.sql
            let first = Task { try await shared.value(for: "a", on: db) }
            try await Self.until { store.held }
            var waiters: [Task<Int?, any Error>] = []
            for key in ["b", "c", "d"] {
                waiters.append(Task { try await shared.value(for: key, on: db) })
                try await Self.until { shared.waiting == waiters.count }
            }
            for _ in 0..<3 {
                store.release()
                try await Self.until { store.held || store.reads.count == 3 }
            }
            _ = try await first.value
            var answered = 0
            for (key, waiter) in zip(["b", "c", "d"], waiters) {
                #expect(try await waiter.value == values[key])
                answered += 1
            }
            #expect(answered == 3)
            #expect(store.reads == [["a"], ["b", "c"], ["d"]], "two keys a read: the one who reads and one waiter, then the rest")
        }
    }
}
