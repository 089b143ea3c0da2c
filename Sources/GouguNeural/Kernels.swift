// The matrix kernels of the neural core: single-precision GEMM and GEMV.
//
// Everything is row-major. `op(X)` is X or its transpose. The GEMM follows the
// Goto/BLIS design:
//
//   for jc in 0..<n step NC                     (B panel: KC x NC, packed, lives in L3)
//     for pc in 0..<k step KC
//       pack B[pc..<pc+KC, jc..<jc+NC] into NR-wide strips
//       for ic in 0..<m step MC                 (A block: MC x KC, packed, lives in L2)
//         pack A[ic..<ic+MC, pc..<pc+KC] into MR-tall strips
//         for jr, ir: 6x16 micro-kernel          (C tile in 12 ymm registers)
//
// Two threads split C into column (or row) slices; each slice runs the loop above with its
// own packing buffers, so the threads share nothing but read-only A and B.
//
// Release builds need AVX2+FMA code generation to be fast: Package.swift passes
// `-Xcc -march=x86-64-v3`, which the Swift compiler also uses as its target CPU, so
// `SIMD8<Float>.addingProduct` compiles to `vfmadd231ps`. Without it each lane becomes a
// call to `fmaf`. Check with (see docs/neural.md):
//   objdump -d .build-neural/release/GouguNeural.build/Kernels.swift.o | grep -c vfmadd

import Foundation

/// Micro-kernel tile height (rows of C per register tile).
@usableFromInline let gemmMR = 6
/// Micro-kernel tile width (columns of C per register tile: two 8-lane vectors).
@usableFromInline let gemmNR = 16
/// Depth of one packed panel (shared dimension per block).
@usableFromInline let gemmKC = 256
/// Rows of A per packed block (multiple of MR; MC x KC floats = 120 KiB, fits L2).
@usableFromInline let gemmMC = 120
/// Columns of B per packed panel (multiple of NR).
@usableFromInline let gemmNC = 2048

/// Preallocated packing buffers for one thread of a GEMM.
final class GemmScratch {
    /// Packed A block: MC x KC, as MC/MR strips of (KC x MR).
    let packedA: UnsafeMutablePointer<Float>
    /// Packed B panel: KC x NC, as NC/NR strips of (KC x NR).
    let packedB: UnsafeMutablePointer<Float>
    /// One MR x NR tile for partial edge tiles.
    let edgeTile: UnsafeMutablePointer<Float>

    init() {
        packedA = UnsafeMutableRawPointer.allocate(byteCount: gemmMC * gemmKC * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: gemmMC * gemmKC)
        packedB = UnsafeMutableRawPointer.allocate(byteCount: gemmKC * gemmNC * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: gemmKC * gemmNC)
        edgeTile = UnsafeMutableRawPointer.allocate(byteCount: gemmMR * gemmNR * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: gemmMR * gemmNR)
    }

    deinit {
        packedA.deallocate()
        packedB.deallocate()
        edgeTile.deallocate()
    }
}

/// A raw pointer that may cross into the thread pool's closures.
///
/// @unchecked Sendable: the kernels hand each thread a disjoint slice of the output, and
/// inputs are only read while the call is running.
@usableFromInline struct SendablePointer<T>: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<T>
    @usableFromInline init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

/// The matrix kernels, bound to a thread pool and to preallocated packing buffers.
///
/// One `Linalg` runs one kernel call at a time (its scratch buffers are reused across
/// calls); create one per thread that needs kernels concurrently.
public final class Linalg: @unchecked Sendable {
    // @unchecked Sendable: the scratch buffers are only touched inside a kernel call,
    // and each pool thread uses its own `scratch[t]`. Calls are serialised by `callLock`.

    /// The pool that parallel kernels run on.
    public let pool: ThreadPool
    private let scratch: [GemmScratch]
    private let callLock = NSLockLike()

    /// Creates kernels that use up to `pool.threadCount` threads.
    public init(pool: ThreadPool) {
        self.pool = pool
        self.scratch = (0..<pool.threadCount).map { _ in GemmScratch() }
    }

    /// Single-threaded kernels (a private one-thread pool).
    public static func singleThreaded() -> Linalg { Linalg(pool: ThreadPool(threadCount: 1)) }

    // MARK: GEMM

    /// C = alpha * op(A) * op(B) + beta * C, single precision, row-major.
    ///
    /// - Parameters:
    ///   - transA: if true, `a` holds A^T, i.e. a k x m matrix (`op(A)[i, p] = a[p * lda + i]`);
    ///     otherwise an m x k matrix (`op(A)[i, p] = a[i * lda + p]`).
    ///   - transB: if true, `b` holds B^T, an n x k matrix; otherwise a k x n matrix.
    ///   - m, n, k: op(A) is m x k, op(B) is k x n, C is m x n.
    ///   - lda, ldb, ldc: row strides (in elements) of the stored matrices.
    ///   - threads: at most this many threads of the pool (nil = all).
    public func sgemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int,
        threads: Int? = nil
    ) {
        if m == 0 || n == 0 { return }
        // Scale C by beta once; the blocked loop then only accumulates.
        if beta != 1 {
            for i in 0..<m {
                let row = c + i * ldc
                if beta == 0 { row.update(repeating: 0, count: n) } else { for j in 0..<n { row[j] *= beta } }
            }
        }
        if k == 0 || alpha == 0 { return }
        // Strides of op(A)[i, p] and op(B)[p, j].
        let aRow = transA ? 1 : lda, aCol = transA ? lda : 1
        let bRow = transB ? 1 : ldb, bCol = transB ? ldb : 1
        let flops = 2 * m * n * k
        let useThreads = min(threads ?? pool.threadCount, pool.threadCount, flops < 2_000_000 ? 1 : Int.max)
        callLock.lock()
        defer { callLock.unlock() }
        if useThreads <= 1 {
            Linalg.gemmSerial(m: m, n: n, k: k, alpha: alpha,
                              a: a, aRow: aRow, aCol: aCol, b: b, bRow: bRow, bCol: bCol,
                              c: c, ldc: ldc, scratch: scratch[0])
            return
        }
        // Split the larger output dimension into `useThreads` slices aligned to the tile size.
        let splitColumns = n >= m
        let extent = splitColumns ? n : m
        let unit = splitColumns ? gemmNR : gemmMR
        let units = (extent + unit - 1) / unit
        let parts = min(useThreads, units)
        let aP = SendablePointer(UnsafeMutablePointer(mutating: a))
        let bP = SendablePointer(UnsafeMutablePointer(mutating: b))
        let cP = SendablePointer(c)
        let scratch = self.scratch
        pool.parallelFor(count: parts) { t in
            let u0 = units * t / parts, u1 = units * (t + 1) / parts
            let lo = u0 * unit, hi = min(extent, u1 * unit)
            if lo >= hi { return }
            if splitColumns {
                Linalg.gemmSerial(m: m, n: hi - lo, k: k, alpha: alpha,
                                  a: aP.pointer, aRow: aRow, aCol: aCol,
                                  b: bP.pointer + lo * bCol, bRow: bRow, bCol: bCol,
                                  c: cP.pointer + lo, ldc: ldc, scratch: scratch[t])
            } else {
                Linalg.gemmSerial(m: hi - lo, n: n, k: k, alpha: alpha,
                                  a: aP.pointer + lo * aRow, aRow: aRow, aCol: aCol,
                                  b: bP.pointer, bRow: bRow, bCol: bCol,
                                  c: cP.pointer + lo * ldc, ldc: ldc, scratch: scratch[t])
            }
        }
    }

    /// The blocked GEMM on one thread: C[m x n] += alpha * A[m x k] * B[k x n], where
    /// A[i, p] = a[i * aRow + p * aCol] and B[p, j] = b[p * bRow + j * bCol].
    static func gemmSerial(
        m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, aRow: Int, aCol: Int,
        b: UnsafePointer<Float>, bRow: Int, bCol: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, scratch: GemmScratch
    ) {
        let packedA = scratch.packedA, packedB = scratch.packedB, edge = scratch.edgeTile
        var jc = 0
        while jc < n {
            let nc = min(gemmNC, n - jc)
            var pc = 0
            while pc < k {
                let kc = min(gemmKC, k - pc)
                packB(kc: kc, nc: nc, b: b + pc * bRow + jc * bCol, bRow: bRow, bCol: bCol, into: packedB)
                var ic = 0
                while ic < m {
                    let mc = min(gemmMC, m - ic)
                    packA(mc: mc, kc: kc, a: a + ic * aRow + pc * aCol, aRow: aRow, aCol: aCol, into: packedA)
                    // ---- the hot loop: MR x NR register tiles over the packed block ----
                    var jr = 0
                    while jr < nc {
                        let nr = min(gemmNR, nc - jr)
                        let bStrip = packedB + jr * kc
                        var ir = 0
                        while ir < mc {
                            let mr = min(gemmMR, mc - ir)
                            let aStrip = packedA + ir * kc
                            let cTile = c + (ic + ir) * ldc + jc + jr
                            if mr == gemmMR && nr == gemmNR {
                                microKernel6x16(kc: kc, a: aStrip, b: bStrip, c: cTile, ldc: ldc, alpha: alpha)
                            } else {
                                edge.update(repeating: 0, count: gemmMR * gemmNR)
                                microKernel6x16(kc: kc, a: aStrip, b: bStrip, c: edge, ldc: gemmNR, alpha: alpha)
                                for i in 0..<mr {
                                    for j in 0..<nr { cTile[i * ldc + j] += edge[i * gemmNR + j] }
                                }
                            }
                            ir += gemmMR
                        }
                        jr += gemmNR
                    }
                    ic += gemmMC
                }
                pc += kc
            }
            jc += nc
        }
    }

    /// Packs A[0..<mc, 0..<kc] into MR-tall strips: strip s holds, for each p, the MR values
    /// A[s*MR ..< s*MR+MR, p] (zero-padded past mc).  packed: ceil(mc/MR) x kc x MR.
    @inline(__always)
    static func packA(mc: Int, kc: Int, a: UnsafePointer<Float>, aRow: Int, aCol: Int,
                      into packed: UnsafeMutablePointer<Float>) {
        var dst = packed
        var i0 = 0
        while i0 < mc {
            let rows = min(gemmMR, mc - i0)
            if rows == gemmMR && aCol == 1 {
                let r0 = a + i0 * aRow, r1 = r0 + aRow, r2 = r1 + aRow
                let r3 = r2 + aRow, r4 = r3 + aRow, r5 = r4 + aRow
                for p in 0..<kc {
                    dst[0] = r0[p]; dst[1] = r1[p]; dst[2] = r2[p]
                    dst[3] = r3[p]; dst[4] = r4[p]; dst[5] = r5[p]
                    dst += gemmMR
                }
            } else {
                for p in 0..<kc {
                    for r in 0..<gemmMR {
                        dst[r] = r < rows ? a[(i0 + r) * aRow + p * aCol] : 0
                    }
                    dst += gemmMR
                }
            }
            i0 += gemmMR
        }
    }

    /// Packs B[0..<kc, 0..<nc] into NR-wide strips: strip s holds, for each p, the NR values
    /// B[p, s*NR ..< s*NR+NR] (zero-padded past nc).  packed: ceil(nc/NR) x kc x NR.
    @inline(__always)
    static func packB(kc: Int, nc: Int, b: UnsafePointer<Float>, bRow: Int, bCol: Int,
                      into packed: UnsafeMutablePointer<Float>) {
        var dst = packed
        var j0 = 0
        while j0 < nc {
            let cols = min(gemmNR, nc - j0)
            if cols == gemmNR && bCol == 1 {
                var src = b + j0
                for _ in 0..<kc {
                    let lo = UnsafeRawPointer(src).loadUnaligned(as: SIMD8<Float>.self)
                    let hi = UnsafeRawPointer(src + 8).loadUnaligned(as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(dst).storeBytes(of: lo, as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(dst + 8).storeBytes(of: hi, as: SIMD8<Float>.self)
                    src += bRow
                    dst += gemmNR
                }
            } else if cols == gemmNR {
                for p in 0..<kc {
                    let src = b + p * bRow + j0 * bCol
                    for j in 0..<gemmNR { dst[j] = src[j * bCol] }
                    dst += gemmNR
                }
            } else {
                for p in 0..<kc {
                    for j in 0..<gemmNR {
                        dst[j] = j < cols ? b[p * bRow + (j0 + j) * bCol] : 0
                    }
                    dst += gemmNR
                }
            }
            j0 += gemmNR
        }
    }

    /// The register tile: C[6 x 16] += alpha * Apacked[6 x kc] * Bpacked[kc x 16].
    /// a: kc x 6 (packed, k-major), b: kc x 16 (packed), c: 6 rows of 16 with stride ldc.
    @inline(__always)
    static func microKernel6x16(kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                                c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float) {
        typealias V = SIMD8<Float>
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
        var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
        var ap = a
        var bp = UnsafeRawPointer(b)
        for _ in 0..<kc {
            let b0 = bp.load(as: V.self)
            let b1 = bp.load(fromByteOffset: 32, as: V.self)
            var av = V(repeating: ap[0])
            c00 = c00.addingProduct(av, b0); c01 = c01.addingProduct(av, b1)
            av = V(repeating: ap[1])
            c10 = c10.addingProduct(av, b0); c11 = c11.addingProduct(av, b1)
            av = V(repeating: ap[2])
            c20 = c20.addingProduct(av, b0); c21 = c21.addingProduct(av, b1)
            av = V(repeating: ap[3])
            c30 = c30.addingProduct(av, b0); c31 = c31.addingProduct(av, b1)
            av = V(repeating: ap[4])
            c40 = c40.addingProduct(av, b0); c41 = c41.addingProduct(av, b1)
            av = V(repeating: ap[5])
            c50 = c50.addingProduct(av, b0); c51 = c51.addingProduct(av, b1)
            ap += gemmMR
            bp += gemmNR * 4
        }
        let al = V(repeating: alpha)
        @inline(__always) func store(_ row: Int, _ lo: V, _ hi: V) {
            let p = UnsafeMutableRawPointer(c + row * ldc)
            let old0 = p.loadUnaligned(as: V.self)
            let old1 = p.loadUnaligned(fromByteOffset: 32, as: V.self)
            p.storeBytes(of: old0.addingProduct(al, lo), as: V.self)
            p.storeBytes(of: old1.addingProduct(al, hi), toByteOffset: 32, as: V.self)
        }
        store(0, c00, c01); store(1, c10, c11); store(2, c20, c21)
        store(3, c30, c31); store(4, c40, c41); store(5, c50, c51)
    }

    // MARK: GEMV

    /// Output slices per thread in a parallel GEMV.
    static let gemvSlicesPerThread = 4

    /// y = alpha * op(A) * x + beta * y, single precision, row-major.
    ///
    /// - Parameters:
    ///   - trans: if false, A is m x n (`a[i * lda + j]`), x has n entries and y has m;
    ///     if true, the result is A^T x: x has m entries and y has n.
    ///   - threads: at most this many threads of the pool (nil = all).
    public func sgemv(
        trans: Bool, m: Int, n: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, x: UnsafePointer<Float>,
        beta: Float, y: UnsafeMutablePointer<Float>, threads: Int? = nil
    ) {
        let outCount = trans ? n : m
        if outCount == 0 { return }
        let useThreads = min(threads ?? pool.threadCount, pool.threadCount, m * n < 65_536 ? 1 : Int.max)
        let aP = SendablePointer(UnsafeMutablePointer(mutating: a))
        let xP = SendablePointer(UnsafeMutablePointer(mutating: x))
        let yP = SendablePointer(y)
        // Slices of the output, in multiples of 16 so vector loops stay aligned to tiles.
        // Several slices per thread, claimed dynamically: a worker that wakes late (or is
        // preempted) leaves its slices to the caller instead of making it wait.
        let units = (outCount + 15) / 16
        let parts = useThreads == 1 ? 1 : max(1, min(useThreads * Self.gemvSlicesPerThread, units))
        let body: (Int) -> Void = { t in
            let lo = min(outCount, units * t / parts * 16), hi = min(outCount, units * (t + 1) / parts * 16)
            if lo >= hi { return }
            if trans {
                Linalg.gemvTransposedSerial(rows: m, columns: lo..<hi, alpha: alpha, a: aP.pointer, lda: lda,
                                            x: xP.pointer, beta: beta, y: yP.pointer)
            } else {
                Linalg.gemvSerial(rows: lo..<hi, n: n, alpha: alpha, a: aP.pointer, lda: lda,
                                  x: xP.pointer, beta: beta, y: yP.pointer)
            }
        }
        if parts == 1 { body(0); return }
        callLock.lock()
        defer { callLock.unlock() }
        pool.parallelFor(count: parts, body)
    }

    /// y[i] = alpha * dot(A[i, 0..<n], x) + beta * y[i] for i in rows; four rows at a time,
    /// two 8-lane accumulators per row.
    static func gemvSerial(rows: Range<Int>, n: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
                           x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>) {
        typealias V = SIMD8<Float>
        let xr = UnsafeRawPointer(x)
        let n16 = n & ~15
        @inline(__always) func finish(_ i: Int, _ s: Float) {
            y[i] = beta == 0 ? alpha * s : alpha * s + beta * y[i]
        }
        var i = rows.lowerBound
        while i + 4 <= rows.upperBound {
            let r0 = UnsafeRawPointer(a + i * lda), r1 = UnsafeRawPointer(a + (i + 1) * lda)
            let r2 = UnsafeRawPointer(a + (i + 2) * lda), r3 = UnsafeRawPointer(a + (i + 3) * lda)
            var s00 = V(), s01 = V(), s10 = V(), s11 = V(), s20 = V(), s21 = V(), s30 = V(), s31 = V()
            var off = 0
            let end = n16 * 4
            while off < end {
                let x0 = xr.loadUnaligned(fromByteOffset: off, as: V.self)
                let x1 = xr.loadUnaligned(fromByteOffset: off + 32, as: V.self)
                s00 = s00.addingProduct(r0.loadUnaligned(fromByteOffset: off, as: V.self), x0)
                s01 = s01.addingProduct(r0.loadUnaligned(fromByteOffset: off + 32, as: V.self), x1)
                s10 = s10.addingProduct(r1.loadUnaligned(fromByteOffset: off, as: V.self), x0)
                s11 = s11.addingProduct(r1.loadUnaligned(fromByteOffset: off + 32, as: V.self), x1)
                s20 = s20.addingProduct(r2.loadUnaligned(fromByteOffset: off, as: V.self), x0)
                s21 = s21.addingProduct(r2.loadUnaligned(fromByteOffset: off + 32, as: V.self), x1)
                s30 = s30.addingProduct(r3.loadUnaligned(fromByteOffset: off, as: V.self), x0)
                s31 = s31.addingProduct(r3.loadUnaligned(fromByteOffset: off + 32, as: V.self), x1)
                off += 64
            }
            var t0 = (s00 + s01).sum(), t1 = (s10 + s11).sum(), t2 = (s20 + s21).sum(), t3 = (s30 + s31).sum()
            for j in n16..<n {
                let xj = x[j]
                t0 += a[i * lda + j] * xj; t1 += a[(i + 1) * lda + j] * xj
                t2 += a[(i + 2) * lda + j] * xj; t3 += a[(i + 3) * lda + j] * xj
            }
            finish(i, t0); finish(i + 1, t1); finish(i + 2, t2); finish(i + 3, t3)
            i += 4
        }
        while i < rows.upperBound {
            let r = UnsafeRawPointer(a + i * lda)
            var s0 = V(), s1 = V()
            var off = 0
            while off < n16 * 4 {
                s0 = s0.addingProduct(r.loadUnaligned(fromByteOffset: off, as: V.self),
                                      xr.loadUnaligned(fromByteOffset: off, as: V.self))
                s1 = s1.addingProduct(r.loadUnaligned(fromByteOffset: off + 32, as: V.self),
                                      xr.loadUnaligned(fromByteOffset: off + 32, as: V.self))
                off += 64
            }
            var t = (s0 + s1).sum()
            for j in n16..<n { t += a[i * lda + j] * x[j] }
            finish(i, t)
            i += 1
        }
    }

    /// y[j] = alpha * sum_i A[i, j] * x[i] + beta * y[j] for j in columns (y = A^T x).
    static func gemvTransposedSerial(rows m: Int, columns: Range<Int>, alpha: Float, a: UnsafePointer<Float>,
                                     lda: Int, x: UnsafePointer<Float>, beta: Float,
                                     y: UnsafeMutablePointer<Float>) {
        typealias V = SIMD8<Float>
        for j in columns { y[j] = beta == 0 ? 0 : beta * y[j] }
        // Column blocks of 32 keep four accumulators in registers while streaming rows.
        var j = columns.lowerBound
        while j + 32 <= columns.upperBound {
            let yr = UnsafeMutableRawPointer(y + j)
            var s0 = V(), s1 = V(), s2 = V(), s3 = V()
            for i in 0..<m {
                let row = UnsafeRawPointer(a + i * lda + j)
                let xi = V(repeating: x[i])
                s0 = s0.addingProduct(row.loadUnaligned(as: V.self), xi)
                s1 = s1.addingProduct(row.loadUnaligned(fromByteOffset: 32, as: V.self), xi)
                s2 = s2.addingProduct(row.loadUnaligned(fromByteOffset: 64, as: V.self), xi)
                s3 = s3.addingProduct(row.loadUnaligned(fromByteOffset: 96, as: V.self), xi)
            }
            let al = V(repeating: alpha)
            yr.storeBytes(of: yr.loadUnaligned(as: V.self).addingProduct(al, s0), as: V.self)
            yr.storeBytes(of: yr.loadUnaligned(fromByteOffset: 32, as: V.self).addingProduct(al, s1), toByteOffset: 32, as: V.self)
            yr.storeBytes(of: yr.loadUnaligned(fromByteOffset: 64, as: V.self).addingProduct(al, s2), toByteOffset: 64, as: V.self)
            yr.storeBytes(of: yr.loadUnaligned(fromByteOffset: 96, as: V.self).addingProduct(al, s3), toByteOffset: 96, as: V.self)
            j += 32
        }
        while j < columns.upperBound {
            var s: Float = 0
            for i in 0..<m { s += a[i * lda + j] * x[i] }
            y[j] += alpha * s
            j += 1
        }
    }
}

/// A mutex usable from Swift 6 code without Foundation's Sendable caveats.
final class NSLockLike: @unchecked Sendable {
    // @unchecked Sendable: a thin wrapper around a pthread mutex, which is thread-safe.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    init() { pthread_mutex_init(mutex, nil) }
    deinit { pthread_mutex_destroy(mutex); mutex.deallocate() }
    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
}
