;; Invalid: the start function must take no parameters and return nothing.
(module
  (func $s (param i32))
  (start $s))
