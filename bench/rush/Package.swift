// swift-tools-version:6.0
// The deadline-rush driver for bench/deadline-rush and bench/crash-rush: many organisations at
// once reading the questionnaire, submitting every answer and reading their receipt back.
// Built on its own (`swift build -c release --package-path bench/rush`), apart from the server.
import PackageDescription

let package = Package(
    name: "rush",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        .executableTarget(
            name: "rush",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ]
)
