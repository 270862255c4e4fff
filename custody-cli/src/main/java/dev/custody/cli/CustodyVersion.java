package dev.custody.cli;

import picocli.CommandLine.IVersionProvider;

final class CustodyVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = CustodyVersion.class.getPackage().getImplementationVersion();
        return new String[] {"custody " + (version == null ? "development build" : version)};
    }
}
