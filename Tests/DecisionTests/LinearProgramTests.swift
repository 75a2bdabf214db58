@testable import Decision
import Testing

@Suite("The small linear programs behind feasibility and the starting point")
struct LinearProgramTests {
    @Test func aTextbookMaximumWorkedByHand() throws {
        // maximise x + y with x + 2y ≤ 4 and 3x + y ≤ 6: the corner where both bind, (1.6, 1.2).
        var lp = LinearProgram(objective: [1, 1])
        lp.inequalities = [([1, 2], 4), ([3, 1], 6)]
        guard case let .optimal(x, value) = lp.solve() else { Issue.record("no optimum"); return }
        #expect(abs(x[0] - 1.6) < 1e-9 && abs(x[1] - 1.2) < 1e-9)
        #expect(abs(value - 2.8) < 1e-9)
    }

    @Test func equalitiesAndBoundsBelowZeroNeedTheFirstPhase() {
        // maximise x₁ with x₁ + x₂ + x₃ = 1, x₂ ≥ 0.3 (−x₂ ≤ −0.3), x₃ ≥ 0.2: x₁ = 0.5.
        var lp = LinearProgram(objective: [1, 0, 0])
        lp.inequalities = [([0, -1, 0], -0.3), ([0, 0, -1], -0.2)]
        lp.equalities = [([1, 1, 1], 1)]
        guard case let .optimal(x, value) = lp.solve() else { Issue.record("no optimum"); return }
        #expect(abs(value - 0.5) < 1e-9)
        #expect(abs(x.reduce(0, +) - 1) < 1e-9)
    }

    @Test func infeasibleAndUnboundedAreToldApart() {
        var infeasible = LinearProgram(objective: [1, 0])
        infeasible.inequalities = [([1, 1], 1), ([-1, -1], -2)]  // x + y ≤ 1 and x + y ≥ 2
        #expect(infeasible.solve() == .infeasible)
        var unbounded = LinearProgram(objective: [1, 0])
        unbounded.inequalities = [([0, 1], 1)]
        #expect(unbounded.solve() == .unbounded)
    }

    @Test func aDegenerateCornerDoesNotCycle() {
        // Several constraints meet at the optimum (Bland's rule must still end).
        var lp = LinearProgram(objective: [1, 1, 1])
        lp.inequalities = [([1, 0, 0], 1), ([0, 1, 0], 1), ([1, 1, 0], 2), ([1, 1, 1], 2), ([0, 0, 1], 0)]
        guard case let .optimal(_, value) = lp.solve() else { Issue.record("no optimum"); return }
        #expect(abs(value - 2) < 1e-9)
    }
}
