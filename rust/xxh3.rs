//! xxh3-64 (seed 0, default secret) of an n-gram: the little-endian bytes of a run of 1 to 16
//! word hashes, which the core hashes for every word of every text. The value is `xxh3_64`'s
//! bit for bit (the index file stores it), computed from the word hashes themselves, without
//! copying them into a buffer or dispatching on the length at every n-gram.

/// The first 128 bytes of xxh3's default secret (the short paths read no further).
const SECRET: [u8; 128] = [
    0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
    0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
    0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
    0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
    0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
    0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
    0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
    0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
];

const fn secret64(offset: usize) -> u64 {
    u64::from_le_bytes([
        SECRET[offset],
        SECRET[offset + 1],
        SECRET[offset + 2],
        SECRET[offset + 3],
        SECRET[offset + 4],
        SECRET[offset + 5],
        SECRET[offset + 6],
        SECRET[offset + 7],
    ])
}

const PRIME64_1: u64 = 0x9E37_79B1_85EB_CA87;

#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

#[inline]
fn avalanche(mut h: u64) -> u64 {
    h ^= h >> 37;
    h = h.wrapping_mul(0x1656_6791_9E37_79F9);
    h ^ (h >> 32)
}

#[inline]
fn strong_avalanche(mut h: u64, len: u64) -> u64 {
    h ^= h.rotate_left(49) ^ h.rotate_left(24);
    h = h.wrapping_mul(0x9FB2_1C65_1E98_DF25);
    h ^= (h >> 35).wrapping_add(len);
    h = h.wrapping_mul(0x9FB2_1C65_1E98_DF25);
    h ^ (h >> 28)
}

/// `xxh3_64` of the little-endian bytes of `words` (1 to 16 of them).
#[inline]
pub fn words(words: &[u64]) -> u64 {
    let n = words.len();
    debug_assert!((1..=16).contains(&n));
    let len = 8 * n as u64;
    match n {
        1 => strong_avalanche(words[0].rotate_left(32) ^ (secret64(8) ^ secret64(16)), 8),
        2 => {
            let lo = words[0] ^ (secret64(24) ^ secret64(32));
            let hi = words[1] ^ (secret64(40) ^ secret64(48));
            avalanche(
                len.wrapping_add(lo.swap_bytes())
                    .wrapping_add(hi)
                    .wrapping_add(fold(lo, hi)),
            )
        }
        _ => {
            // 17 to 128 bytes: pairs of 16-byte lanes from both ends, as far in as the length
            // reaches; word `i` is bytes `8 i..8 i + 8`.
            let mix = |at: usize, secret: usize| {
                fold(
                    words[at] ^ secret64(secret),
                    words[at + 1] ^ secret64(secret + 8),
                )
            };
            let mut acc = len.wrapping_mul(PRIME64_1);
            if n > 4 {
                if n > 8 {
                    if n > 12 {
                        acc = acc.wrapping_add(mix(6, 96)).wrapping_add(mix(n - 8, 112));
                    }
                    acc = acc.wrapping_add(mix(4, 64)).wrapping_add(mix(n - 6, 80));
                }
                acc = acc.wrapping_add(mix(2, 32)).wrapping_add(mix(n - 4, 48));
            }
            acc = acc.wrapping_add(mix(0, 0)).wrapping_add(mix(n - 2, 16));
            avalanche(acc)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxhash_rust::xxh3::xxh3_64;

    fn random(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn word_runs_hash_as_xxh3_64_of_their_bytes() {
        let mut state = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..2000 {
            let run: Vec<u64> = (0..16).map(|_| random(&mut state)).collect();
            for n in 1..=16 {
                let bytes: Vec<u8> = run[..n].iter().flat_map(|w| w.to_le_bytes()).collect();
                assert_eq!(words(&run[..n]), xxh3_64(&bytes), "{n} words");
            }
        }
    }
}
