/**
 * The files of digests: Ed25519 keys as PEM files ({@link org.casefunds.ledger.formats.digest.DigestKeys}),
 * signed digests as JSON ({@link org.casefunds.ledger.formats.digest.DigestFile}) and the inclusion
 * proofs of single events ({@link org.casefunds.ledger.formats.digest.ProofFile}), each read strictly
 * and refused naming the field and value at fault. The tree and the proofs themselves are the core's
 * ({@code org.casefunds.ledger.digest}).
 */
package org.casefunds.ledger.formats.digest;
