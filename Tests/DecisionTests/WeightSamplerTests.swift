@testable import Decision
import Testing

@Suite("Weight samplers: every draw allowed, and uniform over what is allowed")
struct WeightSamplerTests {
    static func isOnSimplex(_ w: Matrix) -> Bool {
        (0..<w.rows).allSatisfy { s in
            let row = w.row(s)
            return row.allSatisfy { $0 >= 0 } && abs(row.reduce(0, +) - 1) < 1e-9
        }
    }

    @Test func theSimplexBySortedUniformsHasTheFlatDirichletsMarginals() throws {
        for n in [2, 3, 8] {
            let (w, method) = try WeightSampling.sample(.unknown, criteria: n, count: 20_000, seed: 7)
            #expect(method == .simplex)
            #expect(Self.isOnSimplex(w))
            for j in 0..<n {
                let passes = Statistics.fits(Statistics.column(w, j), cdf: Statistics.simplexMarginalCDF(criteria: n))
                #expect(passes, "criterion \(j) of \(n)")
            }
        }
    }

    @Test func theFitTestRejectsNormalisedUniformsWhichAreNotUniformOnTheSimplex() {
        // The classic mistake, w = u / Σu, crowds the centre; the test must be able to see it.
        var g = SeededGenerator(seed: 8)
        let n = 3
        let first = (0..<20_000).map { _ -> Double in
            let u = (0..<n).map { _ in g.unit() }
            return u[0] / u.reduce(0, +)
        }
        let passes = Statistics.fits(first, cdf: Statistics.simplexMarginalCDF(criteria: n))
        #expect(!passes)
    }

    @Test func theSameSeedGivesTheSameWeights() throws {
        let info = WeightInformation.constraints([.atLeastTimes(0, factor: 2, 1), .interval(2, lower: 0.1, upper: 0.5)])
        let a = try WeightSampling.sample(info, criteria: 4, count: 500, seed: 99).weights
        let b = try WeightSampling.sample(info, criteria: 4, count: 500, seed: 99).weights
        let c = try WeightSampling.sample(info, criteria: 4, count: 500, seed: 100).weights
        #expect(a == b)
        #expect(a != c)
    }

    @Test func exactWeightsAreNormalisedAndRepeated() throws {
        let (w, method) = try WeightSampling.sample(.exact([2, 1, 1]), criteria: 3, count: 3, seed: 1)
        #expect(method == .exact)
        #expect(w.rowArrays == Array(repeating: [0.5, 0.25, 0.25], count: 3))
        #expect(throws: DecisionError.dimensionMismatch(expected: 3, found: 2)) {
            try WeightSampling.sample(.exact([1, 1]), criteria: 3, count: 3, seed: 1)
        }
    }

    /// Draws by rejection from the simplex, the slow exact reference for the other samplers.
    static func byRejection(_ constraints: [WeightConstraint], criteria n: Int, count: Int, seed: UInt64) throws -> Matrix {
        var w = Matrix(rows: count, columns: n)
        var g = SeededGenerator(seed: seed)
        #expect(RejectionSampler(try WeightPolytope(criteria: n, constraints: constraints)).fill(&w, using: &g))
        return w
    }

    @Test func tiersMatchRejectionFromTheSimplex() throws {
        // "I, VI and VIII each weigh at least as much as any other", on 5 criteria: 0 and 3 over the rest.
        let tiers = [[0, 3], [1, 2, 4]]
        let (w, method) = try WeightSampling.sample(.tiers(tiers), criteria: 5, count: 20_000, seed: 11)
        #expect(method == .tiers)
        #expect(Self.isOnSimplex(w))
        let pairs = tiers[0].flatMap { high in tiers[1].map { WeightConstraint.atLeastAsMuchAs(high, $0) } }
        try Self.expectAllowedAndLikeRejection(w, pairs, seed: 12)
    }

    /// Every row of `w` meets `constraints`, and each criterion's weights are distributed as
    /// rejection sampling's (two-sample KS at 0.1%).
    static func expectAllowedAndLikeRejection(_ w: Matrix, _ constraints: [WeightConstraint], seed: UInt64) throws {
        let polytope = try WeightPolytope(criteria: w.columns, constraints: constraints)
        #expect((0..<w.rows).allSatisfy { polytope.contains(w.row($0)) })
        let reference = try byRejection(constraints, criteria: w.columns, count: w.rows, seed: seed)
        for j in 0..<w.columns {
            let passes = Statistics.sameDistribution(Statistics.column(w, j), Statistics.column(reference, j))
            #expect(passes, "criterion \(j) of \(w.columns)")
        }
    }

    @Test func anInvalidOrderIsRefused() {
        #expect(throws: DecisionError.invalidConstraint("Each criterion must be in exactly one tier of the order.")) {
            try WeightSampling.sample(.tiers([[0, 1], [1, 2]]), criteria: 3, count: 1, seed: 1)
        }
    }

    @Test func intervalsMatchRejectionFromTheSimplex() throws {
        let constraints: [WeightConstraint] = [.interval(0, lower: 0.2, upper: 0.6), .interval(1, lower: 0.1, upper: 0.3),
                                               .interval(3, lower: 0, upper: 0.25)]
        let (w, method) = try WeightSampling.sample(.constraints(constraints), criteria: 4, count: 20_000, seed: 13)
        #expect(method == .intervals)
        try Self.expectAllowedAndLikeRejection(w, constraints, seed: 14)
    }

    @Test func narrowIntervalsFallBackToHitAndRun() throws {
        // Each of six weights at most 0.2: about 3 simplex draws in 10,000 pass
        // (1 − 6·0.8⁵ + 15·0.6⁵ − 20·0.4⁵ + 15·0.2⁵ ≈ 0.00032).
        let constraints = (0..<6).map { WeightConstraint.interval($0, lower: 0, upper: 0.2) }
        let (w, method) = try WeightSampling.sample(.constraints(constraints), criteria: 6, count: 2_000, seed: 15)
        #expect(method == .hitAndRun(thinning: HitAndRunSampler.defaultThinning(criteria: 6)))
        let polytope = try WeightPolytope(criteria: 6, constraints: constraints)
        #expect((0..<w.rows).allSatisfy { polytope.contains(w.row($0)) })
    }

    @Test func hitAndRunMatchesRejectionOnSmallCases() throws {
        let cases: [(Int, [WeightConstraint])] = [
            // Regeneration (0) at least twice staff terms (2), and at most 0.5; 1 at least as much as 3.
            (4, [.atLeastTimes(0, factor: 2, 2), .interval(0, lower: 0, upper: 0.5), .atLeastAsMuchAs(1, 3)]),
            // A general row: w₀ + w₁ ≤ 0.6, and w₂ ≥ 0.1.
            (3, [.linear(coefficients: [1, 1, 0], bound: 0.6), .interval(2, lower: 0.1, upper: 1)]),
        ]
        for (n, constraints) in cases {
            let (w, method) = try WeightSampling.sample(.constraints(constraints), criteria: n, count: 20_000, seed: 21)
            #expect(method == .hitAndRun(thinning: HitAndRunSampler.defaultThinning(criteria: n)))
            let polytope = try WeightPolytope(criteria: n, constraints: constraints)
            #expect((0..<w.rows).allSatisfy { polytope.contains(w.row($0)) })
            let reference = try Self.byRejection(constraints, criteria: n, count: 20_000, seed: 22)
            for j in 0..<n {
                let passes = Statistics.sameDistribution(Statistics.column(w, j), Statistics.column(reference, j))
                #expect(passes, "criterion \(j) of \(n)")
            }
            // And a quantity that mixes criteria: the difference of the first two.
            let differenceMatches = Statistics.sameDistribution((0..<w.rows).map { w[$0, 0] - w[$0, 1] },
                                                (0..<reference.rows).map { reference[$0, 0] - reference[$0, 1] })
            #expect(differenceMatches)
        }
    }

    @Test func hitAndRunWithNoConstraintsHasTheSimplexMarginals() throws {
        let polytope = try WeightPolytope(criteria: 5, constraints: [])
        var w = Matrix(rows: 20_000, columns: 5)
        try HitAndRunSampler(polytope).fill(&w, seed: 31)
        for j in 0..<5 {
            let passes = Statistics.fits(Statistics.column(w, j), cdf: Statistics.simplexMarginalCDF(criteria: 5))
            #expect(passes, "criterion \(j)")
        }
    }

    @Test func theGoodnessOfFitSeesAChainThatDoesNotMix() throws {
        // One step between kept points and no burn-in is far too few: the chain's points stay near
        // the centre it starts from, and the same test that passes above rejects them.
        let polytope = try WeightPolytope(criteria: 5, constraints: [])
        var w = Matrix(rows: 2_000, columns: 5)
        var g = SeededGenerator(seed: 32)
        var sampler = try HitAndRunSampler(polytope, thinning: 1, burnIn: 0)
        sampler.fill(&w, using: &g)
        let first200 = Array(Statistics.column(w, 0).prefix(200))
        let passes = Statistics.fits(first200, cdf: Statistics.simplexMarginalCDF(criteria: 5))
        #expect(!passes)
    }

    @Test func constraintsThatAllowNothingOrFixAWeightAreToldApart() {
        #expect(throws: DecisionError.infeasibleConstraints) {
            try WeightSampling.sample(.constraints([.interval(0, lower: 0.6, upper: 1), .interval(1, lower: 0.6, upper: 1)]),
                                      criteria: 3, count: 10, seed: 1)
        }
        #expect(throws: DecisionError.infeasibleConstraints) {
            try WeightSampling.sample(.constraints([.atLeastTimes(0, factor: 2, 1), .atLeastTimes(1, factor: 2, 0),
                                                    .interval(0, lower: 0.1, upper: 1)]), criteria: 3, count: 10, seed: 1)
        }
        #expect(throws: DecisionError.constraintsWithoutInterior) {
            try WeightSampling.sample(.constraints([.atLeastAsMuchAs(0, 1), .atLeastAsMuchAs(1, 0)]),
                                      criteria: 3, count: 10, seed: 1)
        }
        #expect(throws: DecisionError.invalidConstraint("There is no criterion 5; there are 3.")) {
            try WeightSampling.sample(.constraints([.atLeastAsMuchAs(4, 1)]), criteria: 3, count: 10, seed: 1)
        }
        #expect(throws: DecisionError.invalidSampleCount) {
            try WeightSampling.sample(.unknown, criteria: 3, count: 0, seed: 1)
        }
    }

    @Test func theCentreIsInsideAndAsFarFromEveryFacetAsPossible() throws {
        let simplex = try WeightPolytope(criteria: 3, constraints: []).centre()
        #expect(simplex.point.allSatisfy { abs($0 - 1.0 / 3) < 1e-9 })
        // From the centre of the triangle to each side, measured in the plane: (1/3)/‖P e‖ = (1/3)/√(2/3).
        #expect(abs(simplex.radius - (1.0 / 3) / (2.0 / 3).squareRoot()) < 1e-9)
        let cut = try WeightPolytope(criteria: 3, constraints: [.interval(0, lower: 0, upper: 0.2)])
        let (point, radius) = try cut.centre()
        #expect(cut.contains(point))
        #expect(point[0] < 0.2 && radius > 0)
    }
}
