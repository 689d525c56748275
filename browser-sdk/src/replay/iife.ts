/** Script-tag form of the replay chunk: registers itself for the IIFE core to pick up. */
import { startRecording } from "./recorder";

(window as unknown as { __mseReplay: object }).__mseReplay = { startRecording };
