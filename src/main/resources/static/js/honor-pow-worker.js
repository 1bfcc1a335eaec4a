// Proof of work for an anonymous like on the honours' notice (docs/notes/honor.md, "Likes: the choice"):
// finds a decimal counter such that SHA-256 of the UTF-8 bytes of challenge + counter starts with `bits`
// zero bits. A plain SHA-256 here, since calling WebCrypto once per try is far slower on a phone.
'use strict';
var K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
var W = new Int32Array(64);

var S = new Int32Array(8);

// one SHA-256 block of buf at offset into state (8 words)
function compress(state, buf, o) {
  var i, x, y;
  for (i = 0; i < 16; i++) {
    W[i] = (buf[o + 4 * i] << 24) | (buf[o + 4 * i + 1] << 16) | (buf[o + 4 * i + 2] << 8) | buf[o + 4 * i + 3];
  }
  for (i = 16; i < 64; i++) {
    x = W[i - 15]; y = W[i - 2];
    W[i] = (W[i - 16] + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + W[i - 7]
      + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
  }
  var a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
  for (i = 0; i < 64; i++) {
    var t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)))
      + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
    var t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10)))
      + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  state[0] = (state[0] + a) | 0; state[1] = (state[1] + b) | 0; state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0; state[4] = (state[4] + e) | 0; state[5] = (state[5] + f) | 0;
  state[6] = (state[6] + g) | 0; state[7] = (state[7] + h) | 0;
}

function leadingZeroBits(state) {
  if (state[0] !== 0) { return Math.clz32(state[0]); }
  return 32 + Math.clz32(state[1]);
}

// Counts up from 0; the challenge's whole 64-byte blocks are hashed once (the mid-state), each try hashes
// only the tail: the challenge's last bytes, the counter's digits and the padding.
function solve(challenge, bits) {
  var prefix = new Uint8Array(challenge.length);
  for (var i = 0; i < challenge.length; i++) { prefix[i] = challenge.charCodeAt(i) & 0x7f; }
  var whole = prefix.length >> 6;
  var mid = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  for (var blk = 0; blk < whole; blk++) { compress(mid, prefix, blk * 64); }
  var rest = prefix.subarray(whole * 64);
  var tail = new Uint8Array(128);
  var digits = new Uint8Array(16);
  for (var counter = 0; counter < 1e12; counter++) {
    var n = counter, len = 0;
    do { digits[len++] = 48 + (n % 10); n = Math.floor(n / 10); } while (n > 0);
    var total = prefix.length + len;
    var tailLength = rest.length + len;
    var blocks = (tailLength + 9 + 63) >> 6;
    tail.fill(0);
    tail.set(rest);
    for (i = 0; i < len; i++) { tail[rest.length + i] = digits[len - 1 - i]; }
    tail[tailLength] = 0x80;
    var bitLength = total * 8, end = blocks * 64;
    tail[end - 4] = (bitLength >>> 24) & 0xff; tail[end - 3] = (bitLength >>> 16) & 0xff;
    tail[end - 2] = (bitLength >>> 8) & 0xff; tail[end - 1] = bitLength & 0xff;
    S.set(mid);
    compress(S, tail, 0);
    if (blocks > 1) { compress(S, tail, 64); }
    if (leadingZeroBits(S) >= bits) { return String(counter); }
  }
  return null;
}

self.onmessage = function (event) {
  self.postMessage({ counter: solve(event.data.challenge, event.data.bits) });
};
