/**
 * Digests an auditor can hold: the journal's events as an RFC 6962 Merkle tree
 * ({@link org.casefunds.ledger.digest.MerkleTree}, {@link org.casefunds.ledger.digest.JournalTree}),
 * a {@link org.casefunds.ledger.digest.JournalDigest} of its root and head at one moment, and the
 * proofs that a later journal still begins with the same events
 * ({@link org.casefunds.ledger.digest.ConsistencyProof}) and that one event is among them
 * ({@link org.casefunds.ledger.digest.InclusionProof}). Pure computation: signing a digest and
 * writing it to a file belong to {@code ledger-formats}. See {@code docs/digest.md}.
 */
package org.casefunds.ledger.digest;
