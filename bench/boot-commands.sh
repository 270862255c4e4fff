# The boot-time command lines the CPU benchmarks run, one a line, on inputs W made as
# bench/against-anchors.sh makes them, with the corpus logs of checkout ROOT. Sourced by
# bench/cpu-and-classes.sh and bench/compare-trees.sh. Usage: boot_commands W ROOT
boot_commands() {
  local logs
  logs=$(ls "$2"/testdata/corpus/eventlogs/* | grep -v '\.txt$' | tr '\n' ' ')
  printf '%s\n' "--version" "totp --machine $1/lab --json" "boot verify --boot $1/boot --keyring $1/pub.asc" \
    "rom inspect $1/bench16.rom" "eventlog replay --json $logs"
}
