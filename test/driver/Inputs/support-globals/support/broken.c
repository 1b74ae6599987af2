/* Does not compile: read for FLAG_ON's definition, it is skipped. */
const int FLAG_ON = ;
