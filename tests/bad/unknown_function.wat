;; Invalid: a call to function index 7 in a module that defines two.
(module
  (func $a)
  (func $b
    call 7))
