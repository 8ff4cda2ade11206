// Pins the LiveKit SIP release the phone stack builds (scripts/livekit-build.mjs).
module voicebot.local/tools/livekit/sip

go 1.24

require (
	github.com/livekit/mageutil v0.0.0-20230125210925-54e8a70427c1 // indirect
	github.com/livekit/sip v1.0.0 // indirect
	golang.org/x/sync v0.10.0 // indirect
)
