package dev.custody.boot.manifest;

/** One reason /boot does not verify, naming the file at fault. */
public sealed interface Finding {
    String file();

    String reason();

    record Changed(String file) implements Finding {
        public String reason() {
            return "changed since signing (SHA-256 differs from kexec_hashes.txt)";
        }
    }

    record Added(String file) implements Finding {
        public String reason() {
            return "added since signing (not in the signed file list)";
        }
    }

    record Removed(String file) implements Finding {
        public String reason() {
            return "removed since signing";
        }
    }

    record BadSignature(String reason) implements Finding {
        public String file() {
            return "kexec.sig";
        }
    }

    record BadManifest(String file, String reason) implements Finding {}

    record Rollback(String reason) implements Finding {
        public String file() {
            return "kexec_rollback.txt";
        }
    }

    record DefaultEntryChanged(String file, String reason) implements Finding {}

    record DefaultFileChanged(String file) implements Finding {
        public String reason() {
            return "differs from kexec_default_hashes.txt (the default boot entry's files)";
        }
    }
}
