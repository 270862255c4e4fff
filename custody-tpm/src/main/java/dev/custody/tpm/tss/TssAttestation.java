package dev.custody.tpm.tss;

import static dev.custody.tpm.tss.TssConnection.hierarchy;
import static dev.custody.tpm.tss.TssConnection.selection;

import dev.custody.common.Secret;
import dev.custody.tpm.AttestationKey;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.ProtectedCredential;
import dev.custody.tpm.Quote;
import dev.custody.tpm.session.PasswordAuthorization;
import dev.custody.tpm.session.SaltedSession;
import dev.custody.tpm.session.SessionedTpm;
import java.util.Collection;
import tss.tpm.CreateResponse;
import tss.tpm.TPMS_ID_OBJECT;
import tss.tpm.TPMS_NULL_SIG_SCHEME;
import tss.tpm.TPMS_PCR_SELECTION;
import tss.tpm.TPMS_SENSITIVE_CREATE;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SIGNATURE;
import tss.tpm.TPM_HANDLE;

/** Attestation: keys under the storage key, quotes, the endorsement key and credential activation. */
final class TssAttestation {
    private final TssConnection connection;
    private final SessionedTpm tpm;

    TssAttestation(TssConnection connection) {
        this.connection = connection;
        this.tpm = connection.tpm;
    }

    AttestationKey createAttestationKey(Secret ownerAuth) {
        TPM_HANDLE parent = connection.storageKey(ownerAuth);
        try (SaltedSession session = connection.hmacSession()) {
            CreateResponse created = tpm.authorize(session).Create(parent,
                    new TPMS_SENSITIVE_CREATE(new byte[0], new byte[0]), Templates.attestationKey(),
                    new byte[0], new TPMS_PCR_SELECTION[0]);
            return new AttestationKey(created.outPublic.toBytes(), created.outPrivate.toBytes());
        }
    }

    Quote quote(AttestationKey key, byte[] nonce, PcrBank bank, Collection<Integer> pcrs) {
        TPM_HANDLE loaded = connection.loadChild(key.publicArea(), TPMT_PUBLIC::fromTpm, key.privateArea(),
                "the attestation key");
        try {
            var quoted = tpm.authorize(PasswordAuthorization.EMPTY).Quote(loaded, nonce, new TPMS_NULL_SIG_SCHEME(),
                    new TPMS_PCR_SELECTION[] {selection(bank, pcrs)});
            return new Quote(quoted.quoted.toBytes(), new TPMT_SIGNATURE(quoted.signature).toBytes());
        } finally {
            tpm.flushQuietly(loaded);
        }
    }

    Secret activateCredential(AttestationKey key, ProtectedCredential credential, Secret endorsementAuth) {
        TPM_HANDLE ak = connection.loadChild(key.publicArea(), TPMT_PUBLIC::fromTpm, key.privateArea(), "the attestation key");
        TPM_HANDLE ek = null;
        try (SaltedSession session = connection.hmacSession()) {
            ek = tpm.authorize(session).CreatePrimary(hierarchy(Hierarchy.ENDORSEMENT, endorsementAuth),
                    new TPMS_SENSITIVE_CREATE(new byte[0], new byte[0]), Templates.rsaEndorsementKey(),
                    new byte[0], new TPMS_PCR_SELECTION[0]).handle;
            ek.Name = tpm.ReadPublic(ek).name;
            try (SaltedSession policy = connection.policySession()) {
                tpm.authorize(session).PolicySecret(hierarchy(Hierarchy.ENDORSEMENT, endorsementAuth), policy.handle(),
                        new byte[0], new byte[0], new byte[0], 0);
                // The first session also encrypts the response, so the recovered secret never crosses in the clear.
                return Secret.adopt(tpm.authorize(session, policy).ActivateCredential(ak, ek,
                        new TPMS_ID_OBJECT(credential.integrityHmac(), credential.encryptedIdentity()),
                        credential.encryptedSeed()));
            }
        } finally {
            tpm.flushQuietly(ak);
            if (ek != null) {
                tpm.flushQuietly(ek);
            }
        }
    }

    byte[] endorsementKeyPublic(Secret endorsementAuth) {
        try (SaltedSession session = connection.hmacSession()) {
            var created = tpm.authorize(session).CreatePrimary(hierarchy(Hierarchy.ENDORSEMENT, endorsementAuth),
                    new TPMS_SENSITIVE_CREATE(new byte[0], new byte[0]), Templates.rsaEndorsementKey(),
                    new byte[0], new TPMS_PCR_SELECTION[0]);
            try {
                return created.outPublic.toBytes();
            } finally {
                tpm.flushQuietly(created.handle);
            }
        }
    }
}
