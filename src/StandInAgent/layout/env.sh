#!/bin/bash
# Stand-in agent: records the tool variables jobs should see in .env and the PATH in .path, as the
# agent's env.sh does. Only the names listed here are written: never a token.

names=(LANG JAVA_HOME ANT_HOME M2_HOME ANDROID_HOME GRADLE_HOME NVM_BIN NVM_PATH)

touch .env
for name in "${names[@]}"; do
    if [ -n "${!name}" ] && ! grep -q "^${name}=" .env; then
        echo "${name}=${!name}" >> .env
    fi
done
echo "$PATH" > .path
