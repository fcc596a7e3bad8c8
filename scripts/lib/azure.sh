# Shared by the azd hook scripts (sourced, POSIX sh): failing with a message, and Resource Manager calls that go to
# the azd environment's subscription when one is set ($subscription). Azure DevOps calls take no subscription.

fail() {
  echo "ERROR: $*" >&2
  exit 1
}

az_arm() {
  if [ -n "$subscription" ]; then
    az "$@" --subscription "$subscription"
  else
    az "$@"
  fi
}
