// The script-tag entry (a classic script): defines window.personalize and replays the stub's calls.
import './loader/script-tag-global';
