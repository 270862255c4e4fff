#!/bin/sh
# dracut hook: Custody at boot, once, before the root disk is opened (see /usr/lib/custody/boot.sh).
[ -e /run/custody/done ] && exit 0
[ -x /usr/bin/custody ] || exit 0
mkdir -p /run/custody
: >/run/custody/done
. /usr/lib/custody/boot.sh
custody_boot
