import NIOConcurrencyHelpers
import SQLKit

/// A read that many requests make at once, done once for all who are waiting — as group commit
/// shares one commit among the writers waiting for it. For each key asked for (a session's token
/// hash, say), the read returns what it found; a read of something every request needs (the
/// council's name and colours in every page's frame) has a single key.
///
/// It is not a cache. A request never takes a result from a read that started before it
/// arrived: it joins the next read, which starts after it, so it sees every change committed
/// before it was made, on every instance. Alone, a request reads for itself; under load, one read
/// answers everyone who arrived while the previous one ran.
final class BatchedRead<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private enum Turn: Sendable {
        case found([Key: Value])
        /// The read before finished: this waiter reads for those queued behind it.
        case lead
    }

    private struct Waiter: Sendable {
        var key: Key
        var continuation: CheckedContinuation<Turn, any Error>
    }

    private struct State: Sendable {
        var reading = false
        var queued: [Waiter] = []
        var reads = 0
    }

    /// The most keys one read asks for; the rest wait for the next.
    private let limit: Int
    private let state = NIOLockedValueBox(State())
    private let read: @Sendable (any SQLDatabase, [Key]) async throws -> [Key: Value]

    init(limit: Int = 64, _ read: @escaping @Sendable (any SQLDatabase, [Key]) async throws -> [Key: Value]) {
        precondition(limit >= 1, "a read answers at least the one who makes it")
        self.limit = limit
        self.read = read
    }

    /// How many requests wait for the next read.
    var waiting: Int { state.withLockedValue { $0.queued.count } }
    /// How many reads have been started.
    var reads: Int { state.withLockedValue { $0.reads } }

    /// What a read started after this call finds for `key` (on the database of whichever
    /// waiting request reads for the others).
    func value(for key: Key, on db: any SQLDatabase) async throws -> Value? {
        let leads = state.withLockedValue { s in
            if s.reading { return false }
            s.reading = true
            return true
        }
        if !leads {
            let turn = try await withCheckedThrowingContinuation { (c: CheckedContinuation<Turn, any Error>) in
                let leadsNow = state.withLockedValue { s in
                    if s.reading { s.queued.append(Waiter(key: key, continuation: c)); return false }
                    s.reading = true
                    return true
                }
                if leadsNow { c.resume(returning: .lead) }
            }
            if case .found(let values) = turn { return values[key] }
        }
        // Everyone queued now arrived before this read starts: it answers them too. Whoever
        // arrives from here on waits for the next one.
        let batch = state.withLockedValue { s in
            s.reads += 1
            let taken = Array(s.queued.prefix(limit - 1))
            s.queued.removeFirst(taken.count)
            return taken
        }
        var keys = [key]
        for waiter in batch where !keys.contains(waiter.key) { keys.append(waiter.key) }
        let result: Result<[Key: Value], any Error>
        do { result = .success(try await read(db, keys)) } catch { result = .failure(error) }
        let next = state.withLockedValue { s -> CheckedContinuation<Turn, any Error>? in
            guard !s.queued.isEmpty else { s.reading = false; return nil }
            return s.queued.removeFirst().continuation
        }
        next?.resume(returning: .lead)
        for waiter in batch { waiter.continuation.resume(with: result.map(Turn.found)) }
        return try result.get()[key]
    }
}

/// A batched read with one key: something every request reads alike.
final class SharedRead<Value: Sendable>: Sendable {
    private let batched: BatchedRead<Int, Value>

    init(_ read: @escaping @Sendable (any SQLDatabase) async throws -> Value) {
        batched = BatchedRead { db, _ in [0: try await read(db)] }
    }

    func value(on db: any SQLDatabase) async throws -> Value {
        try await batched.value(for: 0, on: db)!
    }
}
