package dev.custody.tpm.session;

/**
 * How one command proves it may use an entity, and whether the session also protects the
 * command's secret parameters on the bus.
 */
public sealed interface Authorization permits PasswordAuthorization, SaltedSession {}
