package dev.custody.tpm.tpm12;

/** The TPM 1.2 commands Custody sends, with the ordinals of TPM Main Part 2, section 17. */
enum Ordinal {
    OIAP(0x0000000A, "TPM_OIAP"),
    OSAP(0x0000000B, "TPM_OSAP"),
    TAKE_OWNERSHIP(0x0000000D, "TPM_TakeOwnership"),
    CHANGE_AUTH_OWNER(0x00000010, "TPM_ChangeAuthOwner"),
    EXTEND(0x00000014, "TPM_Extend"),
    PCR_READ(0x00000015, "TPM_PCRRead"),
    QUOTE(0x00000016, "TPM_Quote"),
    SEAL(0x00000017, "TPM_Seal"),
    UNSEAL(0x00000018, "TPM_Unseal"),
    CREATE_WRAP_KEY(0x0000001F, "TPM_CreateWrapKey"),
    QUOTE2(0x0000003E, "TPM_Quote2"),
    RESET_LOCK_VALUE(0x00000040, "TPM_ResetLockValue"),
    LOAD_KEY2(0x00000041, "TPM_LoadKey2"),
    GET_RANDOM(0x00000046, "TPM_GetRandom"),
    CONTINUE_SELF_TEST(0x00000053, "TPM_ContinueSelfTest"),
    OWNER_CLEAR(0x0000005B, "TPM_OwnerClear"),
    FORCE_CLEAR(0x0000005D, "TPM_ForceClear"),
    GET_CAPABILITY(0x00000065, "TPM_GetCapability"),
    PHYSICAL_ENABLE(0x0000006F, "TPM_PhysicalEnable"),
    PHYSICAL_SET_DEACTIVATED(0x00000072, "TPM_PhysicalSetDeactivated"),
    READ_PUBEK(0x0000007C, "TPM_ReadPubek"),
    OWNER_READ_INTERNAL_PUB(0x00000081, "TPM_OwnerReadInternalPub"),
    TERMINATE_HANDLE(0x00000096, "TPM_Terminate_Handle"),
    SAVE_STATE(0x00000098, "TPM_SaveState"),
    STARTUP(0x00000099, "TPM_Startup"),
    FLUSH_SPECIFIC(0x000000BA, "TPM_FlushSpecific"),
    NV_DEFINE_SPACE(0x000000CC, "TPM_NV_DefineSpace"),
    NV_WRITE_VALUE(0x000000CD, "TPM_NV_WriteValue"),
    NV_WRITE_VALUE_AUTH(0x000000CE, "TPM_NV_WriteValueAuth"),
    NV_READ_VALUE(0x000000CF, "TPM_NV_ReadValue"),
    NV_READ_VALUE_AUTH(0x000000D0, "TPM_NV_ReadValueAuth"),
    CREATE_COUNTER(0x000000DC, "TPM_CreateCounter"),
    INCREMENT_COUNTER(0x000000DD, "TPM_IncrementCounter"),
    READ_COUNTER(0x000000DE, "TPM_ReadCounter"),
    RELEASE_COUNTER_OWNER(0x000000E0, "TPM_ReleaseCounterOwner"),
    ESTABLISH_TRANSPORT(0x000000E6, "TPM_EstablishTransport"),
    EXECUTE_TRANSPORT(0x000000E7, "TPM_ExecuteTransport"),
    RELEASE_TRANSPORT_SIGNED(0x000000E8, "TPM_ReleaseTransportSigned"),
    PHYSICAL_PRESENCE(0x4000000A, "TSC_PhysicalPresence");

    private final int code;
    private final String specName;

    Ordinal(int code, String specName) {
        this.code = code;
        this.specName = specName;
    }

    int code() {
        return code;
    }

    /** The name the specification gives the command, for messages. */
    String specName() {
        return specName;
    }
}
