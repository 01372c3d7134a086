import Foundation

/// A minimal PNG decoder for screenshots: 8-bit RGB or RGBA, not interlaced. The zlib stream is
/// inflated by a small port of Mark Adler's `puff.c` (the reference inflate), so the tests need
/// no image library.
struct PNGImage {
    var width: Int
    var height: Int
    /// Bytes per pixel: 3 (RGB) or 4 (RGBA).
    var channels: Int
    /// Unfiltered rows, `width × channels` bytes each.
    var pixels: [UInt8]

    struct Failure: Error, CustomStringConvertible { var description: String }

    init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, bytes[0 ..< 8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
            throw Failure(description: "not a PNG file")
        }
        var offset = 8
        var idat: [UInt8] = []
        var header: (width: Int, height: Int, depth: UInt8, colour: UInt8, interlace: UInt8)?
        func be32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        while offset + 8 <= bytes.count {
            let length = be32(offset)
            let type = String(decoding: bytes[offset + 4 ..< offset + 8], as: UTF8.self)
            let body = offset + 8
            guard body + length <= bytes.count else { throw Failure(description: "truncated \(type) chunk") }
            switch type {
            case "IHDR": header = (be32(body), be32(body + 4), bytes[body + 8], bytes[body + 9], bytes[body + 12])
            case "IDAT": idat += bytes[body ..< body + length]
            default: break
            }
            if type == "IEND" { break }
            offset = body + length + 4
        }
        guard let header else { throw Failure(description: "no IHDR chunk") }
        guard header.depth == 8, header.colour == 2 || header.colour == 6, header.interlace == 0 else {
            throw Failure(description: "unsupported PNG: depth \(header.depth), colour type \(header.colour), interlace \(header.interlace)")
        }
        width = header.width
        height = header.height
        channels = header.colour == 6 ? 4 : 3
        guard idat.count > 2 else { throw Failure(description: "no image data") }
        let raw = try Inflate.inflate(Array(idat[2...]))   // skip the zlib header
        let stride = width * channels
        guard raw.count >= height * (stride + 1) else { throw Failure(description: "image data too short") }
        pixels = [UInt8](repeating: 0, count: height * stride)
        for y in 0 ..< height {
            let filter = raw[y * (stride + 1)]
            let source = y * (stride + 1) + 1
            let row = y * stride
            for x in 0 ..< stride {
                let a = x >= channels ? Int(pixels[row + x - channels]) : 0
                let b = y > 0 ? Int(pixels[row - stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(pixels[row - stride + x - channels]) : 0
                let value = Int(raw[source + x])
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw Failure(description: "bad filter \(filter) on row \(y)")
                }
                pixels[row + x] = UInt8((value + predicted) & 0xFF)
            }
        }
    }

    /// The colour at `x`, `y`.
    func rgb(_ x: Int, _ y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let i = (y * width + x) * channels
        return (pixels[i], pixels[i + 1], pixels[i + 2])
    }
}

/// Raw deflate (RFC 1951) decoding, after `puff.c` by Mark Adler.
enum Inflate {
    struct Failure: Error, CustomStringConvertible { var description: String }

    private struct Huffman {
        var count = [Int](repeating: 0, count: 16)
        var symbol: [Int]

        init(lengths: ArraySlice<Int>) {
            symbol = [Int](repeating: 0, count: lengths.count)
            for length in lengths { count[length] += 1 }
            var offsets = [Int](repeating: 0, count: 16)
            for len in 1 ..< 15 { offsets[len + 1] = offsets[len] + count[len] }
            for (s, length) in lengths.enumerated() where length != 0 {
                symbol[offsets[length]] = s
                offsets[length] += 1
            }
        }
    }

    private struct State {
        let input: [UInt8]
        var position = 0
        var bitBuffer = 0
        var bitCount = 0
        var output: [UInt8] = []

        mutating func bits(_ need: Int) throws -> Int {
            var value = bitBuffer
            while bitCount < need {
                guard position < input.count else { throw Failure(description: "deflate stream ends early") }
                value |= Int(input[position]) << bitCount
                position += 1
                bitCount += 8
            }
            bitBuffer = value >> need
            bitCount -= need
            return value & ((1 << need) - 1)
        }

        mutating func decode(_ h: Huffman) throws -> Int {
            var code = 0, first = 0, index = 0
            for len in 1 ..< 16 {
                code |= try bits(1)
                let count = h.count[len]
                if code - count < first { return h.symbol[index + (code - first)] }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            throw Failure(description: "bad Huffman code")
        }
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                                       2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    private static let fixed: (Huffman, Huffman) = {
        var lengths = [Int](repeating: 8, count: 288)
        for i in 144 ..< 256 { lengths[i] = 9 }
        for i in 256 ..< 280 { lengths[i] = 7 }
        return (Huffman(lengths: lengths[...]), Huffman(lengths: [Int](repeating: 5, count: 30)[...]))
    }()

    static func inflate(_ input: [UInt8]) throws -> [UInt8] {
        var s = State(input: input)
        var last = 0
        repeat {
            last = try s.bits(1)
            switch try s.bits(2) {
            case 0:
                s.bitBuffer = 0; s.bitCount = 0
                guard s.position + 4 <= input.count else { throw Failure(description: "stored block header ends early") }
                let length = Int(input[s.position]) | Int(input[s.position + 1]) << 8
                s.position += 4
                guard s.position + length <= input.count else { throw Failure(description: "stored block ends early") }
                s.output += input[s.position ..< s.position + length]
                s.position += length
            case 1:
                try codes(&s, fixed.0, fixed.1)
            case 2:
                let (lengthCodes, distanceCodes) = try dynamic(&s)
                try codes(&s, lengthCodes, distanceCodes)
            default:
                throw Failure(description: "bad block type")
            }
        } while last == 0
        return s.output
    }

    private static func codes(_ s: inout State, _ lengths: Huffman, _ distances: Huffman) throws {
        while true {
            var symbol = try s.decode(lengths)
            if symbol < 256 { s.output.append(UInt8(symbol)); continue }
            if symbol == 256 { return }
            symbol -= 257
            guard symbol < 29 else { throw Failure(description: "bad length symbol") }
            let length = lengthBase[symbol] + (try s.bits(lengthExtra[symbol]))
            let d = try s.decode(distances)
            guard d < 30 else { throw Failure(description: "bad distance symbol") }
            let distance = distanceBase[d] + (try s.bits(distanceExtra[d]))
            guard distance <= s.output.count else { throw Failure(description: "distance too far back") }
            let start = s.output.count - distance
            for k in 0 ..< length { s.output.append(s.output[start + k]) }
        }
    }

    private static func dynamic(_ s: inout State) throws -> (Huffman, Huffman) {
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        let nlen = try s.bits(5) + 257, ndist = try s.bits(5) + 1, ncode = try s.bits(4) + 4
        var lengths = [Int](repeating: 0, count: 320)
        for i in 0 ..< ncode { lengths[order[i]] = try s.bits(3) }
        let codeCodes = Huffman(lengths: lengths[0 ..< 19])
        var index = 0
        while index < nlen + ndist {
            let symbol = try s.decode(codeCodes)
            if symbol < 16 { lengths[index] = symbol; index += 1; continue }
            var value = 0, repeatCount: Int
            switch symbol {
            case 16:
                guard index > 0 else { throw Failure(description: "repeat with no previous length") }
                value = lengths[index - 1]; repeatCount = 3 + (try s.bits(2))
            case 17: repeatCount = 3 + (try s.bits(3))
            default: repeatCount = 11 + (try s.bits(7))
            }
            guard index + repeatCount <= nlen + ndist else { throw Failure(description: "too many lengths") }
            for _ in 0 ..< repeatCount { lengths[index] = value; index += 1 }
        }
        return (Huffman(lengths: lengths[0 ..< nlen]), Huffman(lengths: lengths[nlen ..< nlen + ndist]))
    }
}
